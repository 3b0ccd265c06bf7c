package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preflight verb run in-process, as scripts/feed-handler runs it: exit codes, formats, waivers.
 * The JVM judged is the test JVM (surefire: -Xmx2g without -Xms, so jvm.heap warns).
 */
class PreflightCommandTest
{
    private static final String FIXTURES = "../library/src/test/resources/preflight/";
    private static final Pattern LINE = Pattern.compile(
        "^(pass|fail|warn|unknown|na) +(must|should) +[a-z_]+\\.[a-z_]+ +cpu=(\\d+|-) observed=\".*\" " +
        "expected=\".*\" source=\".*\" fix=\".*\" waived=(true|false)$");

    private static final class Run
    {
        final int exitCode;
        final String out;
        final String err;

        Run(final int exitCode, final String out, final String err)
        {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        String lastLine()
        {
            final String[] lines = out.split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Run run(final String... args)
    {
        final List<String> all = new ArrayList<>();
        all.add("preflight");
        all.addAll(List.of(args));
        final CommandLine commandLine = Main.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exitCode = commandLine.execute(all.toArray(new String[0]));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static String root(final String fixture)
    {
        return FIXTURES + fixture;
    }

    @Test
    void shouldExitZeroWhenReady()
    {
        final Run run = run("--host-root", root("tuned-baremetal"), "--cpus", "2-3", "--interface", "eth1");
        assertEquals(ExitCodes.OK, run.exitCode, run.out + run.err);
        assertTrue(run.lastLine().startsWith("verdict=ready exit=0 "), run.lastLine());
    }

    @Test
    void shouldExitOneWhenAMustCheckFails()
    {
        final Run run = run("--host-root", root("distro-default"), "--cpus", "2", "--interface", "eth0");
        assertEquals(ExitCodes.FAILED, run.exitCode);
        assertTrue(run.lastLine().startsWith("verdict=not_ready exit=1 "), run.lastLine());
        assertTrue(run.out.contains("fail    must   cpu.isolated       cpu=2 "), run.out);
    }

    @Test
    void shouldExitTwoWhenAMustCheckIsUnknown()
    {
        final Run run = run("--host-root", root("vm"), "--cpus", "1", "--interface", "eth0");
        assertEquals(ExitCodes.INDETERMINATE, run.exitCode);
        assertTrue(run.lastLine().startsWith("verdict=indeterminate exit=2 "), run.lastLine());
        assertTrue(run.lastLine().contains("host=vm "), run.lastLine());
    }

    @Test
    void shouldExitZeroWhenTheUnknownMustCheckIsWaivedAndReportItWaived()
    {
        final Run run = run("--host-root", root("vm"), "--cpus", "1", "--interface", "eth0", "--waive", "cpu.governor");
        assertEquals(ExitCodes.OK, run.exitCode);
        assertTrue(run.out.contains("unknown must   cpu.governor       cpu=1 "), run.out);
        assertTrue(run.out.lines().anyMatch(l -> l.contains(" cpu.governor ") && l.endsWith("waived=true")));
        assertTrue(run.lastLine().contains(" waived=1 "), run.lastLine());
    }

    @Test
    void shouldFailOnShouldChecksWithStrict()
    {
        final Run run = run("--host-root", root("vm"), "--cpus", "1", "--interface", "eth0",
            "--waive", "cpu.governor", "--strict");
        assertEquals(ExitCodes.FAILED, run.exitCode, run.out);
        assertTrue(run.lastLine().contains(" strict=true "), run.lastLine());
    }

    @Test
    void shouldPrintOneGreppableLinePerCheckThenTheVerdict()
    {
        final Run run = run("--host-root", root("distro-default"), "--cpus", "2", "--interface", "eth0");
        final String[] lines = run.out.split("\n");
        for (int i = 0; i < lines.length - 1; i++)
        {
            assertTrue(LINE.matcher(lines[i]).matches(), "line " + i + ": " + lines[i]);
        }
        assertTrue(lines[lines.length - 1].matches("^verdict=\\w+ exit=\\d .*"), lines[lines.length - 1]);
        assertEquals("", run.err);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveTheSameVerdictAndExitCodeAsJson()
    {
        for (final String[] host : new String[][]{
            { "tuned-baremetal", "2-3", "eth1" }, { "distro-default", "2", "eth0" }, { "vm", "1", "eth0" },
            { "container", "2-3", "eth0" } })
        {
            final Run text = run("--host-root", root(host[0]), "--cpus", host[1], "--interface", host[2]);
            final Run json = run("--host-root", root(host[0]), "--cpus", host[1], "--interface", host[2],
                "--format", "json");
            assertEquals(text.exitCode, json.exitCode, host[0]);

            final Map<String, Object> doc = (Map<String, Object>)Json.parse(json.out);
            assertEquals(text.lastLine().split(" ")[0], "verdict=" + doc.get("verdict"));
            assertEquals((long)json.exitCode, doc.get("exitCode"));
            final Map<String, Object> hostInfo = (Map<String, Object>)doc.get("host");
            assertEquals(host[1], hostInfo.get("cpus"));
            assertEquals(host[2], hostInfo.get("interface"));
            final List<Map<String, Object>> checks = (List<Map<String, Object>>)doc.get("checks");
            assertEquals(text.out.split("\n").length - 1, checks.size());
            for (final Map<String, Object> check : checks)
            {
                assertEquals(List.of("id", "severity", "status", "cpu", "observed", "expected", "source", "fix",
                    "waived"), new ArrayList<>(check.keySet()));
                assertTrue(List.of("must", "should").contains(check.get("severity")));
                assertTrue(List.of("pass", "fail", "warn", "unknown", "na").contains(check.get("status")));
                assertTrue(null == check.get("cpu") || check.get("cpu") instanceof Long);
                assertTrue(check.get("waived") instanceof Boolean);
            }
        }
    }

    @Test
    void shouldReadCpusAndInterfaceFromTheConfigFile(@TempDir final Path dir) throws IOException
    {
        final Path config = dir.resolve("feed.properties");
        Files.writeString(config, "feed.receiver.cpu=2\nfeed.udp.interface.a=eth9\nfeed.preflight.interface=eth0\n" +
            "feed.preflight.waive=cpu.isolated\n");
        final Run run = run("--host-root", root("distro-default"), "--config", config.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode);
        assertTrue(run.lastLine().contains(" cpus=2 interface=eth0 "), run.lastLine());
        assertTrue(run.out.lines().anyMatch(l -> l.contains(" cpu.isolated ") && l.endsWith("waived=true")));
    }

    @Test
    void shouldFallBackToTheALineInterface(@TempDir final Path dir) throws IOException
    {
        final Path config = dir.resolve("feed.properties");
        Files.writeString(config, "feed.receiver.cpu=1\nfeed.udp.interface.a=eth0\n");
        final Run run = run("--host-root", root("vm"), "--config", config.toString(), "--waive", "cpu.governor");
        assertEquals(ExitCodes.OK, run.exitCode, run.out);
        assertTrue(run.lastLine().contains(" interface=eth0 "), run.lastLine());
    }

    @Test
    void shouldExitWithUsageErrorForBadOptions()
    {
        assertEquals(ExitCodes.USAGE, run("--cpus", "two").exitCode);
        assertEquals(ExitCodes.USAGE, run("--cpus", "3-1").exitCode);
        assertEquals(ExitCodes.USAGE, run("--waive", "cpu.govenor").exitCode);
        assertEquals(ExitCodes.USAGE, run("--format", "xml").exitCode);
        assertEquals(ExitCodes.USAGE, run("--host-root", "/no/such/dir").exitCode);
        assertEquals(ExitCodes.USAGE, run("--no-such-option").exitCode);
        final Run bad = run("--waive", "cpu.govenor", "--host-root", root("vm"));
        assertTrue(bad.err.contains("unknown preflight check id 'cpu.govenor'"), bad.err);
        assertEquals("", bad.out);
    }

    @Test
    void shouldExitWithConfigErrorNamingTheKey(@TempDir final Path dir) throws IOException
    {
        final Path config = dir.resolve("feed.properties");
        Files.writeString(config, "feed.receiver.cpu=two\n");
        final Run run = run("--host-root", root("vm"), "--config", config.toString());
        assertEquals(ExitCodes.CONFIG, run.exitCode);
        assertTrue(run.err.contains("feed.receiver.cpu"), run.err);

        Files.writeString(config, "feed.preflight.waive=no.such\n");
        assertEquals(ExitCodes.CONFIG, run("--host-root", root("vm"), "--config", config.toString()).exitCode);
        Files.writeString(config, "feed.recever.cpu=1\n");
        assertEquals(ExitCodes.CONFIG, run("--host-root", root("vm"), "--config", config.toString()).exitCode);
        assertEquals(ExitCodes.CONFIG, run("--config", dir.resolve("absent.properties").toString()).exitCode);
    }

    @Test
    void shouldAcceptStrideCpuLists()
    {
        final Run run = run("--host-root", root("tuned-baremetal"), "--cpus", "2-3:1/2", "--interface", "eth1");
        assertTrue(run.lastLine().contains(" cpus=2 "), run.lastLine());
        assertFalse(run.out.contains("cpu=3 "));
    }

    @Test
    void shouldPrintUsageWithHelp()
    {
        final Run run = run("--help");
        assertEquals(ExitCodes.OK, run.exitCode);
        assertTrue(run.out.contains("--host-root"));
    }
}
