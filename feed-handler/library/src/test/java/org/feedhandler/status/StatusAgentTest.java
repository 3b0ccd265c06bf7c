package org.feedhandler.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.feedhandler.common.ProcNetSnmp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.feedhandler.common.ProcNetSnmpTest.FIXTURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusAgentTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldBeatHeartbeatAndPublishKernelDrops() throws IOException
    {
        final Path snmpFile = Files.writeString(tempDir.resolve("snmp"), FIXTURE);
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(10_000);
        try (CountersFile countersFile = CountersFile.create(tempDir.resolve("counters.dat"), CountersFile.DEFAULT_MAX_COUNTERS, clock))
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
