package org.feedhandler.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code demo} (which starts the simulator as a JVM of its own) stopped from outside: the simulator never
 * outlives it, and a signal leaves none of its files behind.
 */
@Timeout(180)
@Tag("integration")
class DemoSignalsTest
{
    private static ProcessHandle awaitSimulator(final ChildJvm demo) throws InterruptedException
    {
        while (demo.process().isAlive())
        {
            // the preflight runs commands of its own first: the simulator is the child running "publish"
            final Optional<ProcessHandle> child = demo.process().children()
                .filter(DemoSignalsTest::runsPublish)
                .findFirst();
            if (child.isPresent())
            {
                return child.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("demo exited before starting the simulator: " + demo.out() + demo.err());
    }

    /**
     * Read from /proc rather than {@code ProcessHandle.Info.commandLine()}, which the JDK leaves empty when
     * the command line is longer than it reads (a test JVM's classpath is).
     */
    private static boolean runsPublish(final ProcessHandle process)
    {
        try
        {
            final byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return List.of(new String(cmdline, java.nio.charset.StandardCharsets.UTF_8).split("\0")).contains("publish");
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    private static Path countersFile(final ChildJvm demo)
    {
        return Path.of("/dev/shm/feed-handler/demo-" + demo.process().pid() + ".dat");
    }

    @Test
    void shouldStopTheSimulatorAndRemoveItsFilesWhenStoppedBySigterm() throws Exception
    {
        try (ChildJvm demo = ChildJvm.start(List.of(), "demo", "--seconds", "120", "--rate", "1000"))
        {
            final ProcessHandle simulator = awaitSimulator(demo);
            final Path counters = countersFile(demo);
            assertTrue(Files.exists(counters), "the demo's counters file is where the test looks");

            ChildJvm.kill(demo.process().pid(), "TERM");

            assertEquals(128 + 15, demo.exitStatus(), demo.out() + demo.err());
            assertTrue(demo.err().contains("demo: stopped by SIGTERM"), demo.err());
            assertFalse(simulator.isAlive(), "the simulator outlived the demo");
            assertFalse(Files.exists(counters), "counters file left behind: " + counters);
        }
    }

    @Test
    void shouldNotLeaveTheSimulatorRunningWhenTheDemoIsKilled() throws Exception
    {
        try (ChildJvm demo = ChildJvm.start(List.of(), "demo", "--seconds", "120", "--rate", "1000"))
        {
            final ProcessHandle simulator = awaitSimulator(demo);

            ChildJvm.kill(demo.process().pid(), "KILL");

            assertEquals(128 + 9, demo.exitStatus());
            // SIGKILL runs no code in the demo: the simulator watches its parent and stops on its own
            assertTrue(simulator.onExit().toCompletableFuture().completeOnTimeout(null, 60, TimeUnit.SECONDS)
                .thenApply(h -> null != h).get(), "the simulator outlived the killed demo");
            Files.deleteIfExists(countersFile(demo));
        }
    }
}
