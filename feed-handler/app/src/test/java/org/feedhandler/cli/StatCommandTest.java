package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.config.JvmFlags;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.SystemEpochClock;
import org.feedhandler.status.CountersFile;
import org.feedhandler.status.FeedCounters;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class StatCommandTest
{
    @TempDir
    Path tempDir;

    record Result(int exitCode, String out, String err)
    {
    }

    static Result runInProcess(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /**
     * Runs the CLI in another JVM while this one heartbeats the writer, as a running handler does: however
     * long the child takes to start on a busy host, it finds the writer alive.
     */
    private static Result runInChildJvm(final CountersFile writer, final String... args)
        throws IOException, InterruptedException
    {
        final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        heartbeat.scheduleAtFixedRate(writer::heartbeat, 0, 100, TimeUnit.MILLISECONDS);
        try
        {
            final Process process = JvmFlags.childJvm(Main.class, List.of(args)).start();
            process.getOutputStream().close();
            final byte[] out = process.getInputStream().readAllBytes();
            final byte[] err = process.getErrorStream().readAllBytes();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            return new Result(process.exitValue(),
                new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        }
        finally
        {
            heartbeat.shutdownNow();
            assertTrue(heartbeat.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private static CountersFile writer(final Path file)
    {
        final CountersFile countersFile = CountersFile.create(file, 64, SystemEpochClock.INSTANCE);
        final FeedCounters counters = new FeedCounters(countersFile.countersManager(), 2);
        counters.packets().setRelease(123_456);
        counters.messages().setRelease(7);
        counters.gaps().setRelease(2);
        counters.line(1).silent().setRelease(1);
        counters.newCounter("label with \"quotes\"").setRelease(5);
        countersFile.heartbeat();
        return countersFile;
    }

    @Test
    @Tag("integration")
    void shouldPrintCountersAsJsonFromSeparateProcess() throws Exception
    {
        final Path file = tempDir.resolve("counters.dat");
        try (CountersFile countersFile = writer(file))
        {
            final Result result = runInChildJvm(countersFile, "stat", "--counters-file", countersFile.file().toString(),
                "--json");
            assertEquals(ExitCodes.OK, result.exitCode(), result.err());

            final String json = result.out().trim();
            assertEquals(1, result.out().split("\n").length, json);
            assertTrue(json.startsWith("{\"file\":\"" + file + "\",\"version\":1,\"pid\":" +
                ProcessHandle.current().pid() + ",\"alive\":true,"), json);
            assertTrue(json.contains("{\"id\":0,\"typeId\":1,\"label\":\"packets\",\"value\":123456}"), json);
            assertTrue(json.contains("\"label\":\"messages\",\"value\":7}"), json);
            assertTrue(json.contains("\"label\":\"gaps\",\"value\":2}"), json);
            assertTrue(json.contains("\"label\":\"line B silent\",\"value\":1}"), json);
            assertTrue(json.contains("\"typeId\":100,\"label\":\"label with \\\"quotes\\\"\",\"value\":5}]}"), json);
            final Matcher age = Pattern.compile("\"heartbeatAgeMs\":(-?\\d+)").matcher(json);
            assertTrue(age.find(), json);
            assertTrue(Long.parseLong(age.group(1)) < CountersFile.DEFAULT_LIVENESS_TIMEOUT_MS, json);
        }
        assertTrue(Files.notExists(file));
    }

    @Test
    @Tag("integration")
    void shouldPrintAlignedCountersFromSeparateProcess() throws Exception
    {
        final Path file = tempDir.resolve("counters.dat");
        try (CountersFile countersFile = writer(file))
        {
            final Result result = runInChildJvm(countersFile, "stat", "--counters-file", countersFile.file().toString());
            assertEquals(ExitCodes.OK, result.exitCode(), result.err());

            final List<String> lines = result.out().lines().toList();
            assertEquals("counters file " + file, lines.get(0));
            assertTrue(lines.get(1).startsWith("writer pid " + ProcessHandle.current().pid() + " alive (heartbeat "),
                lines.get(1));
            final List<String> rows = lines.subList(2, lines.size());
            assertEquals(15 + 6 + 9 + 8 + 8 + 1, rows.size(), result.out()); // standard, sequencer, snapshot, two lines, book rejects, one extra
            assertTrue(rows.get(0).matches("^packets +123456$"), rows.get(0));
            assertTrue(rows.stream().anyMatch((row) -> row.matches("^line B silent +1$")), result.out());
            for (final String label : List.of("foreign session packets", "implausible sequence packets",
                "session changes", "end of session", "heartbeats", "hold-store overflows"))
            {
                assertTrue(rows.stream().anyMatch((row) -> row.matches("^" + label + " +0$")), label + "\n" + result.out());
            }
            final int width = rows.get(0).length();
            rows.forEach((row) -> assertEquals(width, row.length(), "aligned: " + row));
        }
    }

    @Test
    void shouldExitNoInputWhenFileMissing()
    {
        final Path missing = tempDir.resolve("no/counters.dat");
        final Result result = runInProcess("stat", "--counters-file", missing.toString());
        assertEquals(ExitCodes.NO_INPUT, result.exitCode());
        assertEquals(66, result.exitCode());
        assertTrue(result.err().contains("no counters file at " + missing), result.err());
        assertTrue(result.err().contains("feed.counters.file"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void shouldExitDataErrorWhenFileIsNotCounters() throws IOException
    {
        final byte[] garbage = new byte[4096];
        java.util.Arrays.fill(garbage, (byte)'#');
        final Path file = Files.write(tempDir.resolve("garbage.dat"), garbage);
        final Result result = runInProcess("stat", "--counters-file", file.toString(), "--json");
        assertEquals(ExitCodes.DATA, result.exitCode());
        assertTrue(result.err().contains("not a counters file"), result.err());
    }

    @Test
    void shouldTakeFileFromConfiguration() throws IOException
    {
        final Path file = tempDir.resolve("from-config.dat");
        final Path config = Files.writeString(tempDir.resolve("fh.properties"), "feed.counters.file=" + file + "\n");
        final Result result = runInProcess("stat", "--config", config.toString());
        assertEquals(ExitCodes.NO_INPUT, result.exitCode());
        assertTrue(result.err().contains(file.toString()), result.err());

        final Result badConfig = runInProcess("stat", "--config", tempDir.resolve("none.properties").toString());
        assertEquals(ExitCodes.CONFIG, badConfig.exitCode(), badConfig.err());
    }

    @Test
    void shouldRepeatWithWatchUntilInterrupted() throws Exception
    {
        final Path file = tempDir.resolve("counters.dat");
        try (CountersFile countersFile = writer(file))
        {
            final StringWriter out = new StringWriter();
            final CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            final int[] exitCode = {-1};
            final Thread thread = new Thread(() -> exitCode[0] =
                commandLine.execute("stat", "--counters-file", countersFile.file().toString(), "--json", "--watch", "0.02"));
            thread.start();
            while (out.toString().lines().count() < 3)
            {
                Thread.sleep(5);
            }
            thread.interrupt();
            thread.join();
            assertEquals(ExitCodes.OK, exitCode[0]);
            out.toString().lines().forEach((line) -> assertTrue(line.startsWith("{\"file\":"), line));
        }
    }

    @Test
    void shouldRejectBadUsage()
    {
        assertEquals(ExitCodes.USAGE, runInProcess("stat", "--watch", "-1").exitCode());
        assertEquals(ExitCodes.USAGE, runInProcess("stat", "--bogus").exitCode());
    }
}
