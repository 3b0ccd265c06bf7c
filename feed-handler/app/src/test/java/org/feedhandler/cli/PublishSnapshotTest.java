package org.feedhandler.cli;

import org.feedhandler.book.OrderBooks;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.protocol.soupbintcp.SoupBinTcp;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpEncoder;
import org.feedhandler.sim.MarketGenerator;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.transport.Loopback;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.feedhandler.cli.ReplayCommandTest.json;
import static org.feedhandler.cli.ReplayCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code publish}'s GLIMPSE server over real loopback sockets, and {@code replay --format soupbintcp} of the
 * bytes it sends: a login mid-stream gets the books of exactly the messages sent before the End of
 * Snapshot's sequence number, the same books a replay of the generated stream up to there builds.
 */
@Timeout(120)
class PublishSnapshotTest
{
    private static final int STOCKS = 30;
    private static final long SEED = 5;
    private static final int DEPTH = 10_000;

    @TempDir
    Path dir;

    @Test
    @Tag("integration")
    void shouldServeMidStreamASnapshotEqualToTheSimulatorsBooksAtItsSequence() throws Exception
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CompletableFuture<Integer> publish = CompletableFuture.supplyAsync(() ->
        {
            final picocli.CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            return commandLine.execute("publish", "--channel", channel(), "--rate", "20000", "--seconds", "4",
                "--idle", "yield", "--retransmit-port", "0", "--seed", String.valueOf(SEED), "--stocks",
                String.valueOf(STOCKS), "--snapshot-port", "0", "--json", "--quiet");
        });
        final int port = glimpsePort(err);

        // log in until the stream has run a while: the snapshot must come from mid-stream books
        Path capture;
        Map<String, Object> replayed;
        long sequence;
        int logins = 0;
        do
        {
            capture = dir.resolve("glimpse-" + logins++ + ".soup");
            Files.write(capture, loginAndReadToEnd(port));
            final ReplayCommandTest.Run replay =
                run("replay", capture.toString(), "--format", "soupbintcp", "--json", "--depth", String.valueOf(DEPTH));
            assertEquals(ExitCodes.OK, replay.exitCode(), replay.err());
            replayed = json(replay);
            sequence = ((Number)soupbintcp(replayed).get("endOfSnapshotSequence")).longValue();
        }
        while (sequence < 10_000 && !publish.isDone());
        assertTrue(sequence >= 10_000, "a login while the simulator sent: End of Snapshot at " + sequence);

        assertEquals(1L, soupbintcp(replayed).get("loginsAccepted"));
        assertEquals(true, soupbintcp(replayed).get("endOfSession"));
        assertEquals(Json.parse(expectedBooks(sequence - 1)), replayed.get("books"),
            "the snapshot's books are the simulator's after message " + (sequence - 1));

        assertEquals(ExitCodes.OK, publish.get(), err.toString());
        final Map<String, Object> summary = Json.parseObject(out.toString().strip());
        @SuppressWarnings("unchecked")
        final Map<String, Object> snapshot = (Map<String, Object>)summary.get("snapshot");
        assertEquals((long)logins, snapshot.get("logins"), out.toString());
        assertEquals((long)logins, snapshot.get("snapshots"), out.toString());
        assertEquals(0L, snapshot.get("failures"), out.toString());
        assertEquals(0L, snapshot.get("bookRejects"), out.toString());
        assertEquals(((Number)soupbintcp(replayed).get("sequencedData")).longValue(),
            ((Number)snapshot.get("lastMessages")).longValue(), "the last capture holds the last snapshot built");
    }

    @Test
    @Tag("integration")
    void shouldSaveTheFinalSnapshotThatReplaysToTheBooksOfTheWholeStream() throws Exception
    {
        final Path saved = dir.resolve("final.soup");
        final ReplayCommandTest.Run publish = run("publish", "--channel", channel(), "--rate", "100000", "--messages",
            "30000", "--idle", "yield", "--retransmit-port", "0", "--seed", String.valueOf(SEED), "--stocks",
            String.valueOf(STOCKS), "--snapshot-save", saved.toString(), "--json", "--quiet");
        assertEquals(ExitCodes.OK, publish.exitCode(), publish.err());

        final ReplayCommandTest.Run replay =
            run("replay", saved.toString(), "--format", "soupbintcp", "--json", "--depth", String.valueOf(DEPTH));
        assertEquals(ExitCodes.OK, replay.exitCode(), replay.err());
        final Map<String, Object> doc = json(replay);
        assertEquals(30_001L, soupbintcp(doc).get("endOfSnapshotSequence"));
        assertEquals(1L, soupbintcp(doc).get("firstSequence"));
        assertEquals(Json.parse(expectedBooks(30_000)), doc.get("books"));
        assertEquals(0L, ((Number)doc.get("unknown")).longValue());
        assertEquals(0L, ((Number)doc.get("malformed")).longValue());
    }

    @Test
    void shouldExit64NamingTheSnapshotOptionThatIsWrong()
    {
        final String[][] cases = {
            {"--snapshot-port", "0", "--snapshot-username", "toolongname"},
            {"--snapshot-port", "0", "--snapshot-session", "MORETHAN10CHARS"},
            {"--snapshot-port", "70000"},
        };
        final String[] expected = {"--snapshot-username", "--snapshot-session", "--snapshot-port"};
        for (int i = 0; i < cases.length; i++)
        {
            final String[] args = new String[6 + cases[i].length];
            System.arraycopy(new String[] {"publish", "--channel", channel(), "--rate", "1", "--quiet"}, 0, args, 0, 6);
            System.arraycopy(cases[i], 0, args, 6, cases[i].length);
            final ReplayCommandTest.Run run = run(args);
            assertEquals(ExitCodes.USAGE, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains(expected[i]), run.err());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> soupbintcp(final Map<String, Object> doc)
    {
        return (Map<String, Object>)doc.get("soupbintcp");
    }

    /** The books, as replay prints them, of the first {@code messages} messages publish generates. */
    private static String expectedBooks(final long messages)
    {
        final FeedPipeline pipeline = new FeedPipeline(new FeedPipeline.Context()
            .books(new OrderBooks(new OrderBooks.Context().maxOrders(1 << 18).maxLevels(1 << 18))));
        new MarketGenerator(SEED, STOCKS, PublisherContext.DEFAULT_MAX_LIVE_ORDERS, MarketGenerator.Flow.INDEPENDENT, 0)
            .generate(messages, pipeline);
        return ReplayCommand.booksJson(pipeline, DEPTH).toString();
    }

    private static String channel()
    {
        final InetSocketAddress group = Loopback.group();
        return "udp://" + group.getAddress().getHostAddress() + ":" + group.getPort() + "?interface=lo";
    }

    private static int glimpsePort(final StringWriter err) throws InterruptedException
    {
        final Pattern bound = Pattern.compile("GLIMPSE server on [0-9.]+:(\\d+)");
        while (true)
        {
            final Matcher matcher = bound.matcher(err.toString());
            if (matcher.find())
            {
                return Integer.parseInt(matcher.group(1));
            }
            Thread.sleep(5);
        }
    }

    /** Log in (blank credentials and session, from sequence 1) and keep every byte until the server closes. */
    private static byte[] loginAndReadToEnd(final int port) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            final UnsafeBuffer login = new UnsafeBuffer(new byte[SoupBinTcp.HEADER_LENGTH + 64]);
            final int length = SoupBinTcpEncoder.loginRequest(login, 0, "", "", "", 1);
            final OutputStream output = socket.getOutputStream();
            output.write(login.byteArray(), 0, length);
            output.flush();
            final InputStream input = socket.getInputStream();
            return input.readAllBytes();
        }
    }
}
