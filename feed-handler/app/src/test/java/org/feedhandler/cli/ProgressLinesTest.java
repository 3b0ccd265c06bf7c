package org.feedhandler.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.feedhandler.config.Settings;
import org.feedhandler.handler.FeedHandler;
import org.feedhandler.sim.Publisher;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherChannel;
import org.feedhandler.common.Json;
import org.feedhandler.common.ProgressLine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress lines of the long-running verbs: stamped in ISO-8601 UTC, as text or one JSON object a line,
 * or none with --quiet.
 */
@Timeout(60)
class ProgressLinesTest
{
    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @TempDir
    Path tempDir;

    @Test
    void shouldStampLinesInIsoUtcWithMilliseconds()
    {
        assertEquals("2023-11-14T22:13:20.123Z", ProgressLine.timestamp(1_700_000_000_123L));
        assertEquals("fh 1970-01-01T00:00:00.000Z msgs 5",
            new ProgressLine("fh", 0, false).text(" msgs 5").field("ignored", 1).toString());
    }

    @Test
    void shouldWriteOneJsonObjectWithNestedObjectsAndEscapedStrings()
    {
        final String line = new ProgressLine("publish", 1_700_000_000_123L, true)
            .text("ignored").field("sent", 42).field("rate", 1.5).field("nan", Double.NaN)
            .object("wire-book").field("p50Ns", 900).endObject()
            .string("note", "a \"q\" \\ \n").toString();

        @SuppressWarnings("unchecked")
        final Map<String, Object> json = (Map<String, Object>)Json.parse(line);
        assertEquals("2023-11-14T22:13:20.123Z", json.get("time"));
        assertEquals("publish", json.get("source"));
        assertEquals(42L, ((Number)json.get("sent")).longValue());
        assertEquals(1.5, ((Number)json.get("rate")).doubleValue());
        assertEquals(null, json.get("nan"));
        assertEquals(900L, ((Number)((Map<?, ?>)json.get("wire-book")).get("p50Ns")).longValue());
        assertEquals("a \"q\" \\ \n", json.get("note"));
        assertFalse(line.contains("\n"), line);
    }

    private String handlerConsole(final boolean progress, final boolean json) throws Exception
    {
        final Properties props = StatPrometheusTest.loopbackHandler(
            Files.createDirectories(tempDir.resolve("handler-" + progress + json)));
        props.setProperty("feed.report.interval.ms", "50");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (FeedHandler handler = FeedHandler.launch(new FeedHandler.Context().settings(Settings.of(props, "test"))
            .label("progress").console(new PrintStream(console, true, StandardCharsets.UTF_8))
            .progress(progress).progressJson(json)))
        {
            // the reporter's interval passes some times: wait for its effect, not for the clock
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (handler.latencyLog().summary(0).count() == 0 && reports(console, progress) < 3 &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
        }
        return console.toString(StandardCharsets.UTF_8);
    }

    private static long reports(final ByteArrayOutputStream console, final boolean progress)
    {
        return progress ? console.toString(StandardCharsets.UTF_8).lines()
            .filter((l) -> l.startsWith("fh 2") || l.startsWith("{")).count() : 0;
    }

    @Test
    @Tag("integration")
    void shouldPrintTheHandlersProgressAsJsonObjectsStampedInUtc() throws Exception
    {
        final List<String> lines = handlerConsole(true, true).lines().filter((l) -> l.startsWith("{")).toList();

        assertTrue(lines.size() >= 3, lines.toString());
        for (final String line : lines)
        {
            @SuppressWarnings("unchecked")
            final Map<String, Object> json = (Map<String, Object>)Json.parse(line);
            assertTrue(((String)json.get("time")).matches(ISO_UTC), line);
            assertEquals("fh", json.get("source"));
            assertEquals(0L, ((Number)json.get("messages")).longValue());
            assertInstanceOf(Map.class, json.get("wire-book"), line);
        }
    }

    @Test
    @Tag("integration")
    void shouldPrintTheHandlersProgressAsTextStampedInUtc() throws Exception
    {
        final List<String> lines = handlerConsole(true, false).lines().filter((l) -> l.startsWith("fh 2")).toList();

        assertTrue(lines.size() >= 3, lines.toString());
        lines.forEach((line) -> assertTrue(line.matches("fh " + ISO_UTC + " msgs/s .*"), line));
    }

    @Test
    void shouldOfferQuietAndJsonProgressOnRunDemoAndPublish()
    {
        for (final String verb : new String[] {"run", "demo", "publish"})
        {
            final String usage = Main.commandLine().getSubcommands().get(verb).getUsageMessage();
            assertTrue(usage.contains("--quiet") && usage.contains("--json-progress"), verb + ":\n" + usage);
        }
        final CommandLine.ParseResult parsed = Main.commandLine().parseArgs(
            "publish", "--channel", "udp://239.194.1.1:1?interface=lo", "--rate", "1", "--json-progress", "--quiet");
        final PublishCommand command = (PublishCommand)parsed.subcommand().commandSpec().userObject();
        assertTrue(command.progressOptions.json());
        assertFalse(command.progressOptions.progress());
    }

    @Test
    @Tag("integration")
    void shouldPrintThePublishersProgressAsJsonObjects() throws Exception
    {
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            port = socket.getLocalPort();
        }
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final PublisherContext ctx = new PublisherContext()
            .channel(PublisherChannel.parse("udp://239.194.77." + ThreadLocalRandom.current().nextInt(1, 250) + ":" +
                port + "?interface=lo"))
            .rate(1000)
            .seconds(1.2)
            .idle("yield")
            .retransmitAddress(null)
            .progress(new PrintStream(progress, true, StandardCharsets.UTF_8))
            .progressJson(true);
        ctx.conclude();
        try (Publisher publisher = Publisher.launch(ctx))
        {
            publisher.run();
        }

        final List<String> lines = progress.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        @SuppressWarnings("unchecked")
        final Map<String, Object> json = (Map<String, Object>)Json.parse(lines.get(0));
        assertTrue(((String)json.get("time")).matches(ISO_UTC), lines.get(0));
        assertEquals("publish", json.get("source"));
        assertTrue(((Number)json.get("sent")).longValue() > 0, lines.get(0));
    }
}
