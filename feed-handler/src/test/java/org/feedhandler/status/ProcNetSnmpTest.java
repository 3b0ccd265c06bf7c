package org.feedhandler.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcNetSnmpTest
{
    static final String FIXTURE =
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

    @Test
    void statusAgentShouldBeatHeartbeatAndPublishKernelDrops() throws IOException
    {
        final Path snmpFile = Files.writeString(tempDir.resolve("snmp"), FIXTURE);
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(10_000);
        try (CountersFile countersFile = CountersFile.create(tempDir.resolve("counters.dat"), 32, clock))
        {
            final FeedCounters counters = new FeedCounters(countersFile.countersManager(), 1);
            final AtomicCounter drops = counters.kernelDrops();
            final StatusAgent agent = new StatusAgent(countersFile, new ProcNetSnmp(snmpFile), drops, clock, 100, 1000);
            assertEquals("fh-status", agent.roleName());

            assertEquals(2, agent.doWork());
            assertEquals(0, agent.doWork());
            Files.writeString(snmpFile, FIXTURE.replace(" 2790 27 ", " 2790 30 "));

            clock.advance(100);
            assertEquals(1, agent.doWork());
            assertEquals(10_100, countersFile.heartbeatMs());
            assertEquals(0, drops.get());

            clock.advance(900);
            assertEquals(2, agent.doWork());
            assertEquals(3, drops.get());
        }
    }
}
