package org.feedhandler.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
        // a child inherits the signals its parent ignores (nohup ignores HUP; a background job of a
        // non-interactive shell ignores INT), and the JVM leaves an ignored signal ignored, as it should
        assumeFalse(ignoredHere(signal), "SIG" + signal + " is ignored by this test's process, so by the child too");
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

    private static boolean ignoredHere(final String signal) throws IOException
    {
        final int number = switch (signal)
        {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException(signal);
        };
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("SigIgn:"))
            {
                return 0 != (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (number - 1)));
            }
        }
        return false;
    }
}
