package org.feedhandler.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.SystemEpochClock;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.config.Settings;
import org.feedhandler.handler.FeedHandler;
import org.feedhandler.metrics.CountersMetrics;
import org.feedhandler.metrics.ExpositionGrammar;
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
class StatPrometheusTest
{
    private static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path tempDir;

    private static String[] run(final String... args)
    {
        final StatCommandTest.Result result = StatCommandTest.runInProcess(args);
        return new String[] {Integer.toString(result.exitCode()), result.out(), result.err()};
    }

    /** A handler on a random loopback multicast group, nothing spinning, no preflight, files under dir. */
    static Properties loopbackHandler(final Path dir) throws Exception
    {
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            port = socket.getLocalPort();
        }
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final Properties props = new Properties();
        props.setProperty("feed.transport", "udp");
        props.setProperty("feed.udp.group.a", "239.194." + random.nextInt(60, 250) + "." + random.nextInt(1, 250) + ":" + port);
        props.setProperty("feed.udp.interface.a", "lo");
        props.setProperty("feed.receiver.cpu", "-1");
        props.setProperty("feed.receiver.idle.strategy", "backoff");
        props.setProperty("feed.counters.file", dir.resolve("counters.dat").toString());
        props.setProperty("feed.results.dir", dir.resolve("results").toString());
        props.setProperty("feed.book.max.orders", "4096");
        props.setProperty("feed.book.max.levels", "4096");
        props.setProperty("feed.recovery.buffer.bytes", "1m");
        props.setProperty("feed.udp.rcvbuf", "0");
        props.setProperty("feed.preflight", "off");
        return props;
    }

    @Test
    @Tag("integration")
    void shouldPrintEveryCounterOfARunningHandlerAsValidExpositionText() throws Exception
    {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (FeedHandler handler = FeedHandler.launch(new FeedHandler.Context().settings(Settings.of(loopbackHandler(tempDir), "test")).label("prom").console(new PrintStream(console, true, StandardCharsets.UTF_8))
                .progress(false)))
        {
            final String file = handler.countersFile().toString();
            final String[] json = run("stat", "--counters-file", file, "--json");
            final String[] prom = run("stat", "--counters-file", file, "--format", "prometheus", "--feed", "itch");
            assertEquals("0", prom[0], prom[2]);

            final List<ExpositionGrammar.Sample> samples = ExpositionGrammar.parse(prom[1]);
            final Map<String, String> labels = Map.of("feed", "itch", "pid", Long.toString(ProcessHandle.current().pid()));
            samples.forEach((sample) -> assertEquals(labels, sample.labels(), sample.name()));
            assertEquals(1, ExpositionGrammar.sample(samples, "feedhandler_up").value(), prom[1]);

            // every counter stat --json shows is there, under its label's name
            final Matcher counter = Pattern.compile("\"typeId\":(\\d+),\"label\":\"([^\"]*)\",\"value\":(-?\\d+)")
                .matcher(json[1]);
            int counters = 0;
            while (counter.find())
            {
                counters++;
                final String name = "feedhandler_" + counter.group(2).toLowerCase().replaceAll("[^a-z0-9]+", "_")
                    .replaceAll("^_|_$", "");
                final boolean gauge = CountersMetrics.isGauge(Integer.parseInt(counter.group(1)));
                final String sampleName = gauge ? name : name + "_total";
                assertTrue(samples.stream().anyMatch((s) -> s.name().equals(sampleName)), sampleName + "\n" + prom[1]);
            }
            assertTrue(counters >= 15 + 4, json[1]);
            assertEquals(counters + 3, samples.size(), prom[1]);
        }
    }

    @Test
    @Tag("integration")
    void shouldServeTheCountersAtMetricsReadingTheFileAtEachScrape() throws Exception
    {
        final Path file = tempDir.resolve("counters.dat");
        final StringWriter out = new StringWriter();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        try (CountersFile countersFile = CountersFile.create(file, 64, SystemEpochClock.INSTANCE))
        {
            final FeedCounters counters = new FeedCounters(countersFile.countersManager(), 1);
            counters.messages().setRelease(41);
            countersFile.heartbeat();

            final Thread server = new Thread(() ->
            {
                final CommandLine commandLine = Main.commandLine();
                commandLine.setOut(new PrintWriter(out, true));
                exitCode.set(commandLine.execute(
                    "stat", "--counters-file", file.toString(), "--serve", "127.0.0.1:0", "--feed", "served"));
            }, "stat-serve");
            server.start();
            try
            {
                final long deadline = System.nanoTime() + 30_000_000_000L;
                Matcher serving = SERVING.matcher("");
                while (!serving.find() && System.nanoTime() < deadline && server.isAlive())
                {
                    Thread.yield();
                    serving = SERVING.matcher(out.toString());
                }
                assertTrue(serving.find(0), out.toString());
                final URI uri = URI.create("http://127.0.0.1:" + serving.group(1) + "/metrics");
                final HttpClient client = HttpClient.newHttpClient();

                final HttpResponse<String> first = client.send(
                    HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, first.statusCode());
                assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                    first.headers().toString());
                List<ExpositionGrammar.Sample> samples = ExpositionGrammar.parse(first.body());
                assertEquals(41, ExpositionGrammar.sample(samples, "feedhandler_messages_total").value());
                assertEquals("served", ExpositionGrammar.sample(samples, "feedhandler_up").labels().get("feed"));

                // Prometheus asks for protobuf when native histograms are on: answered, not an error
                assertEquals(200, client.send(HttpRequest.newBuilder(uri).header("Accept",
                    "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode());
                // OpenMetrics, which Prometheus asks for first by default
                assertEquals(200, client.send(HttpRequest.newBuilder(uri).header("Accept",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

                counters.messages().setRelease(42);
                samples = ExpositionGrammar.parse(client.send(
                    HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertEquals(42, ExpositionGrammar.sample(samples, "feedhandler_messages_total").value());

                countersFile.close();
                assertTrue(Files.notExists(file));
                samples = ExpositionGrammar.parse(client.send(
                    HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertEquals(0, ExpositionGrammar.sample(samples, "feedhandler_up").value());
            }
            finally
            {
                server.interrupt();
                server.join();
            }
            assertEquals(ExitCodes.OK, exitCode.get(), out.toString());
        }
    }

    @Test
    void shouldRefuseAServeAddressThatIsNotAPortNamingTheOption()
    {
        final String[] result = run("stat", "--counters-file", tempDir.resolve("c.dat").toString(), "--serve", "x:y");
        assertEquals(Integer.toString(ExitCodes.USAGE), result[0]);
        assertTrue(result[2].contains("--serve: 'x:y' is not [ADDR:]PORT"), result[2]);
    }

    @Test
    void shouldRefuseAnUnknownFormat()
    {
        final String[] result = run("stat", "--format", "xml");
        assertEquals(Integer.toString(ExitCodes.USAGE), result[0]);
        assertTrue(result[2].contains("--format must be text, json or prometheus, not 'xml'"), result[2]);
    }
}
