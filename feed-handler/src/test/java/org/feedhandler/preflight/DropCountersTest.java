package org.feedhandler.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DropCountersTest
{
    @Test
    void shouldReportTheIncreaseSinceABaseline(@TempDir final Path dir)
    {
        final Path root = Fixtures.copy("distro-default", dir);
        final HostFiles files = HostFiles.under(root);
        final DropCounters baseline = DropCounters.read(files, "eth0");
        assertEquals(12, baseline.udpRcvbufErrors());
        assertEquals(17, baseline.rxDropped());

        Fixtures.write(root, "/proc/net/snmp",
            "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors\nUdp: 9000 3 40 10 40\n");
        Fixtures.write(root, "/sys/class/net/eth0/statistics/rx_dropped", "20\n");
        final DropCounters later = DropCounters.read(files, "eth0");
        assertEquals(28, later.udpRcvbufErrorsSince(baseline));
        assertEquals(3, later.rxDroppedSince(baseline));
    }

    @Test
    void shouldReportUnknownCountersAsMinusOne(@TempDir final Path dir)
    {
        final DropCounters none = DropCounters.read(HostFiles.under(dir), "eth0");
        assertEquals(DropCounters.UNKNOWN, none.udpRcvbufErrors());
        assertEquals(DropCounters.UNKNOWN, none.rxDropped());
        assertEquals(DropCounters.UNKNOWN, none.rxDroppedSince(none));
    }
}
