package org.feedhandler.cli;

import org.feedhandler.TestData;
import org.feedhandler.common.ExitCodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit statuses scripts and supervisors rely on: bad usage 64 with a message, every configuration
 * failure 78 naming the key and where its value came from, an unjudgeable host 2, and never a stack trace
 * for anything but a bug.
 */
@Timeout(60)
class ExitStatusTest
{
    @TempDir
    Path dir;

    private static final class Result
    {
        final int status;
        final String text;

        Result(final int status, final String text)
        {
            this.status = status;
            this.text = text;
        }
    }

    /** Run a verb in-process, with picocli's and System's streams both captured. */
    private static Result execute(final String... args)
    {
        final CommandLine commandLine = Main.commandLine();
        final StringWriter writer = new StringWriter();
        commandLine.setOut(new PrintWriter(writer, true));
        commandLine.setErr(new PrintWriter(writer, true));
        final ByteArrayOutputStream system = new ByteArrayOutputStream();
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final PrintStream capture = new PrintStream(system, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try
        {
            final int status = commandLine.execute(args);
            return new Result(status, writer + system.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void assertUsage(final Result result, final String expected)
    {
        assertEquals(ExitCodes.USAGE, result.status, result.text);
        assertTrue(result.text.contains(expected), result.text);
        assertNoStackTrace(result);
    }

    private static void assertNoStackTrace(final Result result)
    {
        assertFalse(result.text.contains("\tat "), result.text);
    }

    private Path config(final String... lines) throws Exception
    {
        final Path file = dir.resolve("feed-handler.properties");
        Files.writeString(file, String.join("\n", List.of(lines)) + "\n" +
            "feed.counters.file=" + dir.resolve("counters.dat") + "\n" +
            "feed.results.dir=" + dir.resolve("results") + "\n" +
            "feed.book.max.orders=1024\nfeed.book.max.levels=1024\n");
        return file;
    }

    private Result runWith(final String... lines) throws Exception
    {
        return execute("run", "--config", config(lines).toString());
    }

    private static void assertConfigError(final Result result, final String key, final String source)
    {
        assertEquals(ExitCodes.CONFIG, result.status, result.text);
        assertTrue(result.text.contains("configuration error: " + key + ": "), result.text);
        assertTrue(result.text.contains(source), "the message names where the value came from: " + result.text);
        assertFalse(result.text.contains("preflight: "), "the preflight ran before the check: " + result.text);
        assertNoStackTrace(result);
    }

    @Test
    void shouldRefuseAnUnknownVerbEvenWithHelp()
    {
        assertUsage(execute("nosuch", "--help"), "'nosuch'");
    }

    @Test
    void shouldBoundTheCpuListOfPreflight()
    {
        assertUsage(execute("preflight", "--cpus", "0-99999999"), "goes past CPU 8191");
        assertUsage(execute("preflight", "--cpus", "0-2147483647"), "goes past CPU 8191");
    }

    @Test
    void shouldBoundTheReplayDepth()
    {
        final String file = TestData.real("nasdaq_01302019_first3msgs.binaryfile").toString();
        assertUsage(execute("replay", "--depth", "1000000000", file), "--depth must be in [1, 10000]");
        assertUsage(execute("replay", "--depth", "0", file), "--depth must be in [1, 10000]");
    }

    @Test
    void shouldBoundThePublishersHistoryRateAndZone()
    {
        final String channel = "udp://239.255.1.1:31999?interface=lo";
        assertUsage(execute("publish", "--channel", channel, "--rate", "10", "--history", "0"), "--history must be in");
        assertUsage(execute("publish", "--channel", channel, "--rate", "10", "--history", "16777217"),
            "--history must be in");
        assertUsage(execute("publish", "--channel", channel, "--rate", "0"), "--rate must be in");
        assertUsage(execute("publish", "--channel", channel, "--rate", "1e9"), "--rate must be in");
        assertUsage(execute("publish", "--channel", channel, "--rate", "10", "--timestamp-zone", "Mars/Olympus"),
            "--timestamp-zone");
        assertUsage(execute("demo", "--rate", "0"), "--rate must be in");
        assertUsage(execute("demo", "--rate", "NaN"), "--rate must be in");
    }

    @Test
    void shouldCallAnEmptyHostRootIndeterminate()
    {
        final Result text = execute("preflight", "--cpus", "1", "--host-root", dir.toString());
        assertEquals(ExitCodes.INDETERMINATE, text.status, text.text);
        assertTrue(text.text.contains("verdict=indeterminate exit=2"), text.text);
        final Result json = execute("preflight", "--cpus", "1", "--host-root", dir.toString(), "--format", "json");
        assertEquals(ExitCodes.INDETERMINATE, json.status, json.text);
        assertTrue(json.text.contains("\"verdict\": \"indeterminate\""), json.text);
    }

    @Test
    void shouldCallAGarbageHostRootIndeterminate() throws Exception
    {
        Files.createDirectories(dir.resolve("proc"));
        Files.createDirectories(dir.resolve("sys/devices/system/cpu"));
        final byte[] garbage = new byte[3000];
        new java.util.Random(42).nextBytes(garbage);
        Files.write(dir.resolve("proc/cmdline"), garbage);
        Files.write(dir.resolve("proc/cpuinfo"), garbage);
        Files.write(dir.resolve("sys/devices/system/cpu/online"), garbage);
        final Result result = execute("preflight", "--cpus", "1", "--host-root", dir.toString());
        assertEquals(ExitCodes.INDETERMINATE, result.status, result.text);
    }

    @Test
    void shouldNameABadValueAndItsFileBeforeThePreflightEnforces() throws Exception
    {
        // enforce is the default: a bad value used to be refused as "not ready", exit 1, unnamed
        final Result result = runWith("feed.receiver.cpu=first");
        assertConfigError(result, "feed.receiver.cpu", dir.resolve("feed-handler.properties").toString());
    }

    @Test
    void shouldNameAnUnknownInterface() throws Exception
    {
        assertConfigError(runWith("feed.udp.interface.a=nosuch0"), "feed.udp.interface.a", "feed-handler.properties");
    }

    @Test
    void shouldNameASystemPropertyAsTheSource() throws Exception
    {
        System.setProperty("feed.udp.interface.a", "nosuch1");
        try
        {
            assertConfigError(runWith(), "feed.udp.interface.a", "from -Dfeed.udp.interface.a");
        }
        finally
        {
            System.clearProperty("feed.udp.interface.a");
        }
    }

    @Test
    void shouldNameABadAeronChannelAndDirectory() throws Exception
    {
        assertConfigError(runWith("feed.transport=aeron", "feed.aeron.channel=aeron:bogus"), "feed.aeron.channel",
            "feed-handler.properties");
        assertConfigError(runWith("feed.transport=aeron", "feed.aeron.dir=" + dir.resolve("no-driver")),
            "feed.aeron.dir", "feed-handler.properties");
    }

    @Test
    void shouldNameUnwritablePaths() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("a-file"), "x");
        final Path config = dir.resolve("paths.properties");
        Files.writeString(config, "feed.counters.file=" + file.resolve("counters.dat") + "\n" +
            "feed.book.max.orders=1024\nfeed.book.max.levels=1024\n");
        assertConfigError(execute("run", "--config", config.toString()), "feed.counters.file", config.toString());

        Files.writeString(config, "feed.counters.file=" + dir.resolve("counters.dat") + "\n" +
            "feed.results.dir=/proc/feed-handler-results\n" +
            "feed.book.max.orders=1024\nfeed.book.max.levels=1024\n");
        assertConfigError(execute("run", "--config", config.toString()), "feed.results.dir", config.toString());
    }

    @Test
    void shouldSayHowMuchHeapBooksTooBigForItNeed() throws Exception
    {
        final Path config = dir.resolve("big.properties");
        Files.writeString(config, "feed.counters.file=" + dir.resolve("counters.dat") + "\n" +
            "feed.book.max.orders=268435456\nfeed.book.max.levels=1024\n");
        final Result result = execute("run", "--config", config.toString());
        assertConfigError(result, "feed.book.max.orders", config.toString());
        assertTrue(result.text.contains(" MiB of heap") && result.text.contains("-Xmx"), result.text);
    }

    @Test
    void shouldNameABadTimestampZone() throws Exception
    {
        assertConfigError(runWith("feed.timestamp.zone=Mars/Olympus"), "feed.timestamp.zone",
            "feed-handler.properties");
    }

    @Test
    @Tag("integration")
    void shouldExitWithAConfigurationErrorNotAStackTraceOnASmallHeap() throws Exception
    {
        // JAVA_OPTS=-Xmx64m with the default capacities (8,388,608 orders, 2,097,152 levels)
        final Path config = dir.resolve("defaults.properties");
        Files.writeString(config, "feed.counters.file=" + dir.resolve("counters.dat") + "\n" +
            "feed.results.dir=" + dir.resolve("results") + "\n");
        try (ChildJvm run = ChildJvm.start(List.of("-Xmx64m"), "run", "--config", config.toString()))
        {
            assertEquals(ExitCodes.CONFIG, run.exitStatus(), run.out() + run.err());
            assertTrue(run.err().contains("feed.book.max.orders: ") && run.err().contains("MiB of heap"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    @Tag("integration")
    void shouldReportMemoryExhaustedAsAHeapSettingNotAStackTrace() throws Exception
    {
        // 2^24 messages of history want 1 GiB of direct memory, which -Xmx64m also bounds
        try (ChildJvm publish = ChildJvm.start(List.of("-Xmx64m"), "publish", "--channel",
            "udp://239.255.1.1:31999?interface=lo", "--rate", "10", "--messages", "1", "--history", "16777216",
            "--retransmit-port", "0", "--quiet"))
        {
            assertEquals(ExitCodes.CONFIG, publish.exitStatus(), publish.out() + publish.err());
            assertTrue(publish.err().contains("out of memory") && publish.err().contains("-Xmx"), publish.err());
            assertFalse(publish.err().contains("\tat "), publish.err());
        }
    }

    @Test
    void shouldNameAConfigurationErrorOfAnyVerb() throws Exception
    {
        // demo builds its own settings; a -D key it does not set still reaches them, and is named
        System.setProperty("feed.timestamp.zone", "Mars/Olympus");
        try
        {
            final Result result = execute("demo", "--seconds", "1");
            assertEquals(ExitCodes.CONFIG, result.status, result.text);
            assertTrue(result.text.contains("configuration error: feed.timestamp.zone: ") &&
                result.text.contains("-Dfeed.timestamp.zone"), result.text);
            assertNoStackTrace(result);
        }
        finally
        {
            System.clearProperty("feed.timestamp.zone");
        }
    }
}
