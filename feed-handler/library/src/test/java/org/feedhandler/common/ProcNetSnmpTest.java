package org.feedhandler.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

public class ProcNetSnmpTest
{
    public static final String FIXTURE =
        "Ip: Forwarding DefaultTTL InReceives InHdrErrors\n" +
        "Ip: 1 64 123456 0\n" +
        "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti " +
        "MemErrors\n" +
        "Udp: 2716 12 31 2790 27 0 0 4 0\n" +
        "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti " +
        "MemErrors\n" +
        "UdpLite: 0 0 0 0 999 0 0 0 0\n";

    @TempDir
    Path tempDir;

    @Test
    void shouldParseUdpFieldsAndNotUdpLite()
    {
        assertEquals(27, ProcNetSnmp.udpField(FIXTURE, "RcvbufErrors"));
        assertEquals(2716, ProcNetSnmp.udpField(FIXTURE, "InDatagrams"));
        assertEquals(0, ProcNetSnmp.udpField(FIXTURE, "MemErrors"));
        assertEquals(-1, ProcNetSnmp.udpField(FIXTURE, "NoSuchField"));
        assertEquals(-1, ProcNetSnmp.udpField("Ip: a b\nIp: 1 2\n", "RcvbufErrors"));
        assertEquals(-1, ProcNetSnmp.udpField("", "RcvbufErrors"));
    }

    @Test
    void shouldReportGrowthSinceStart() throws IOException
    {
        final Path file = Files.writeString(tempDir.resolve("snmp"), FIXTURE);
        final ProcNetSnmp snmp = new ProcNetSnmp(file);
        assertTrue(snmp.isAvailable());
        assertEquals(27, snmp.rcvbufErrors());
        assertEquals(0, snmp.rcvbufErrorsDelta());

        Files.writeString(file, FIXTURE.replace(" 2790 27 ", " 2790 40 "));
        assertEquals(13, snmp.rcvbufErrorsDelta());

        Files.delete(file);
        assertEquals(-1, snmp.rcvbufErrorsDelta());
        assertFalse(new ProcNetSnmp(file).isAvailable());
    }

    @Test
    void shouldReadRealProcNetSnmp() throws IOException
    {
        assumeTrue(Files.isReadable(ProcNetSnmp.DEFAULT_PATH), "Linux only");
        final String text = Files.readString(ProcNetSnmp.DEFAULT_PATH);
        final long errors = ProcNetSnmp.udpField(text, ProcNetSnmp.RCVBUF_ERRORS);
        assertTrue(errors >= 0, text);
        assertTrue(ProcNetSnmp.udpField(text, "InDatagrams") >= 0, text);

        final ProcNetSnmp snmp = new ProcNetSnmp();
        assertTrue(snmp.isAvailable());
        assertTrue(snmp.rcvbufErrorsDelta() >= 0);
    }
}
