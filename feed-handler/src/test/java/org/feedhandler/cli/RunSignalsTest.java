package org.feedhandler.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} stopped by a real signal, in a JVM of its own: a clean shutdown, its summaries written,
 * its counters file removed, exit 0 (what systemd counts as success).
 */
@Timeout(120)
@Tag("integration")
class RunSignalsTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "HUP"})
    void shouldExitZeroWithItsSummariesWrittenWhenStoppedBySignal(final String signal) throws Exception
    {
        final Path counters = dir.resolve("counters.dat");
        final Path results = dir.resolve("results");
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final Path config = dir.resolve("feed-handler.properties");
        Files.writeString(config, String.join("\n",
            "feed.transport=udp",
            "feed.udp.group.a=239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + ":" +
                random.nextInt(20_000, 60_000),
            "feed.udp.interface.a=lo",
            "feed.receiver.idle.strategy=backoff",
            "feed.book.max.orders=1024",
            "feed.book.max.levels=1024",
            "feed.recovery.buffer.bytes=65536",
            "feed.counters.file=" + counters,
            "feed.results.dir=" + results,
            ""));

        try (ChildJvm run = ChildJvm.start(List.of(), "run", "--config", config.toString(), "--preflight", "off"))
        {
            assertTrue(run.awaitOutput("fh: receiving"), run.out() + run.err());
            assertTrue(Files.exists(counters));

            ChildJvm.kill(run.process().pid(), signal);

            assertEquals(0, run.exitStatus(), run.out() + run.err());
            assertTrue(run.out().contains("fh: SIG" + signal + ": shutting down"), run.out());
            assertTrue(run.out().contains("fh: histograms in"), run.out());
            assertFalse(Files.exists(counters), "counters file left behind");
            try (Stream<Path> files = Files.walk(results))
            {
                assertTrue(files.anyMatch(p -> p.toString().endsWith(".hgrm")), "no latency summary written");
            }
        }
    }
}
