package org.feedhandler.cli;

import org.feedhandler.book.BookComparison;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.JvmFlags;
import org.feedhandler.config.Settings;
import org.feedhandler.handler.FeedHandler;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.latency.LatencySummary;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.preflight.PreflightGate;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.sim.MarketGenerator;
import org.feedhandler.sim.Publisher;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.status.FeedCounters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo [--seconds N] [--rate R] [--transport udp|aeron] [--loss P] [--ab] [--json]}: the
 * simulator in a separate process and the handler in this one, on loopback, for N seconds; then an
 * in-process replay of the same stream, compared book by book with the live books.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Run the exchange simulator (a separate JVM) and the handler (preflight in warn mode) on loopback:",
        "multicast on lo with TTL 0, on a group and ports of its own each run (or Aeron IPC through the handler's",
        "embedded driver),",
        "for N seconds at a fixed open-loop rate (with --join-after S, the handler starts S s late and loads a",
        "GLIMPSE snapshot from the simulator). Then replay the same stream in-process and compare every",
        "book with the live ones. Prints the result and where the histogram files are.",
        "Exit: 0 every message received and books equal, 1 otherwise, 64 bad usage, 70 could not run,",
        "130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (the simulator stopped and every file removed first)."
    })
public final class DemoCommand implements Callable<Integer>
{
    @Mixin
    StreamOptions stream = new StreamOptions();

    @Mixin
    JsonOption output = new JsonOption();

    // Chosen afresh each run, so that demos side by side, or a demo beside the tests, never read each other's
    // packets or fight for the request server's port.
    private String groupA;
    private String groupB;
    private int retransmitPort;
    private int snapshotPort;
    private static final int AERON_STREAM_ID = 1001;
    private static final double MAX_SECONDS = 86_400;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "N",
        description = "how long to send, up to 86400 (default 10)")
    double seconds;

    @Option(names = "--rate", defaultValue = "100000", paramLabel = "R",
        description = "messages per second, 0.001 to 1e8 (default 100000)")
    double rate;

    @Option(names = "--transport", defaultValue = "udp", paramLabel = "T", description = "udp (default) or aeron")
    String transport;

    @Option(names = "--loss", defaultValue = "0", paramLabel = "P",
        description = "drop this fraction of packets (recovered from the simulator's request server)")
    double loss;

    @Option(names = "--ab", description = "send on an A and a B line (udp only), with independent loss on each")
    boolean ab;

    @Option(names = "--subscribers", defaultValue = "0", paramLabel = "N",
        description = "also publish the normalized output (IPC, recorded by an Aeron Archive) and run N subscriber " +
        "processes ('subscribe'); the last one starts halfway through and joins from the recording. Each " +
        "subscriber's books are compared with the in-process replay")
    int subscribers;

    @Option(names = "--join-after", defaultValue = "0", paramLabel = "S",
        description = "start the handler S seconds after the simulator (udp only), with a request-server history " +
            "shorter than what it missed: it catches up from the simulator's GLIMPSE snapshot; the simulator then " +
            "lingers 2 + S s (default 0: from the start)")
    double joinAfter;

    @CommandLine.Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private String simulatorSummary;
    private java.nio.file.Path archiveDir;
    private FeedPipeline replay;
    private final List<DemoSubscribers.Result> subscriberResults = new ArrayList<>();
    /** Joining late: the handler's snapshot sequence, messages, milliseconds, recoveries, failures, buffered packets. */
    private long[] snapshotFigures = new long[6];

    public Integer call() throws Exception
    {
        validate();
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final PrintStream console = output.json ? err : out;

        chooseEndpoints();
        if (subscribers > 0)
        {
            archiveDir = java.nio.file.Files.createTempDirectory("feed-handler-demo-archive-");
        }
        final Settings settings = demoSettings();
        // every key is checked before the preflight
        final FeedHandler.Context context = new FeedHandler.Context()
            .settings(settings)
            .label("demo")
            .console(console)
            .progress(progressOptions.progress())
            .progressJson(progressOptions.json())
            .warmupIntervals(warmup())
            .conclude();
        console.println("demo: preflight in warn mode (this host is checked, not changed):");
        final PreflightGate.Outcome outcome = PreflightGate.check(settings, err);
        if (!outcome.start())
        {
            return outcome.exitCode();
        }

        // a signal stops the simulator and the handler, and removes their files, before the demo exits
        try (ShutdownSignals signals = ShutdownSignals.install())
        {
            // joining late: the simulator first, the handler S seconds later
            final Process early = joinAfter > 0 ? startPublisher(null) : null;
            final FeedHandler handler;
            try
            {
                if (null != early && (!awaitListening(early, snapshotPort, signals) ||
                    signals.await((long)(joinAfter * 1000))))
                {
                    stop(early);
                    if (!signals.received())
                    {
                        err.println("demo: the simulator's GLIMPSE server on port " + snapshotPort + " did not start");
                        return ExitCodes.SOFTWARE;
                    }
                    err.println("demo: stopped by " + signals.name() + " before the handler started");
                    return signals.shellStatus();
                }
                handler = FeedHandler.launch(context);
            }
            catch (final IOException | RuntimeException ex)
            {
                if (null != early)
                {
                    stop(early);
                }
                throw ex;
            }
            long sent;
            try (DemoSubscribers subs = subscribers > 0 ?
                new DemoSubscribers(handler, subscribers, joinAfter > 0, err) : null)
            {
                if (null != subs)
                {
                    subs.startEarly();
                }
                sent = sendAndReceive(handler, early, signals, err, subs);
                if (null != subs && sent >= 0 && !signals.received())
                {
                    subscriberResults.addAll(subs.finish());
                }
            }
            finally
            {
                handler.close();
                DemoSubscribers.delete(archiveDir);
            }
            if (signals.received())
            {
                err.println("demo: stopped by " + signals.name() + "; the simulator and the handler are stopped " +
                    "and their files removed");
                return signals.shellStatus();
            }
            if (sent < 0)
            {
                return ExitCodes.SOFTWARE;
            }
            return report(handler, sent, out);
        }
    }

    /**
     * Run the simulator until it has sent everything (or a signal arrives), then wait for the handler to
     * deliver it. The simulator is stopped on every way out of here.
     *
     * @return messages sent, or -1 when the simulator failed (reported on err).
     */
    private long sendAndReceive(
        final FeedHandler handler, final Process started, final ShutdownSignals signals, final PrintStream err,
        final DemoSubscribers subs)
        throws IOException, InterruptedException
    {
        final Process publisher = null != started ? started : startPublisher(handler);
        if (null != subs)
        {
            // halfway through what the handler receives (it starts --join-after seconds into the run)
            subs.startLateAfter((seconds - joinAfter) / 2);
        }
        final Thread stopper = new Thread(() ->
        {
            try
            {
                signals.await();
                publisher.destroy();
            }
            catch (final InterruptedException ignore)
            {
                // the demo finished first
            }
        }, "demo-stop-simulator");
        stopper.setDaemon(true);
        stopper.start();
        try
        {
            final String publisherJson = readAll(publisher.getInputStream());
            final long timeoutSeconds = (long)seconds + 60;
            if (!publisher.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                err.println("demo: the simulator did not finish within " + timeoutSeconds + " s");
                return -1;
            }
            if (signals.received())
            {
                return -1;
            }
            if (publisher.exitValue() != 0)
            {
                err.println("demo: the simulator failed (exit " + publisher.exitValue() + ")");
                return -1;
            }
            final long sent = sentBy(publisherJson);
            if (sent < 0)
            {
                err.println("demo: no summary from the simulator: " + publisherJson);
                return -1;
            }
            if (joinAfter > 0)
            {
                awaitQuiet(handler, signals);
                // read while the handler is open: its counters file is unmapped when it closes
                final FeedCounters c = handler.counters();
                snapshotFigures = new long[]{c.snapshotSequence().get(), c.snapshotMessages().get(),
                    c.snapshotMilliseconds().get(), c.snapshotRecoveries().get(), c.snapshotFailures().get(),
                    c.snapshotBufferedPackets().get()};
            }
            else
            {
                awaitDelivered(handler, sent, signals);
            }
            simulatorSummary = publisherJson.trim();
            return sent;
        }
        finally
        {
            stopper.interrupt();
            stop(publisher);
        }
    }

    private static void stop(final Process publisher) throws InterruptedException
    {
        if (publisher.isAlive())
        {
            publisher.destroy();
            if (!publisher.waitFor(5, TimeUnit.SECONDS))
            {
                publisher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private int report(final FeedHandler handler, final long sent, final PrintStream out)
    {
        final String publisherJson = simulatorSummary;
        final FeedPipeline live = handler.pipeline();
        final MoldUdp64Sequencer s = live.sequencer();
        final String difference = compareWithReplay(live.books(), sent);
        final LatencySummary wire = handler.latencyLog().summary(LatencyRecorders.WIRE_TO_BOOK);
        final long received = s.counters().messagesDelivered();
        final long[] f = snapshotFigures;
        final long snapshotSequence = f[0];
        // joining late, the messages before the snapshot's sequence came in the snapshot, not the live feed,
        // so the live feed must have reached the last message (a later snapshot may have replaced a gap)
        final boolean delivered = joinAfter > 0 ? f[3] > 0 && s.nextExpected() == sent + 1 : received == sent;
        final Object replayBooks = subscriberResults.isEmpty() ? null :
            Json.parse(ReplayCommand.booksJson(replay, DemoSubscribers.DEPTH).toJson(false));
        boolean subscribersOk = true;
        final Json.ArrayValue subs = Json.array();
        for (final DemoSubscribers.Result r : subscriberResults)
        {
            final boolean match = r.booksMatch(replayBooks);
            subscribersOk &= match;
            subs.add(r.toJson(match));
        }
        final boolean ok = delivered && null == difference && s.counters().unrecoveredMessages() == 0 &&
            subscribersOk && subscriberResults.size() == subscribers;

        if (output.json)
        {
            final Json.ObjectValue doc = Json.object()
                .put("sent", sent)
                .put("received", received)
                .put("gaps", s.counters().gaps())
                .put("duplicates", s.counters().duplicatePackets())
                .put("recovered", s.counters().recoveredMessages())
                .put("unrecovered", s.counters().unrecoveredMessages())
                .put("booksMatchReplay", null == difference);
            if (joinAfter > 0)
            {
                doc.put("snapshot", Json.object()
                    .put("sequence", snapshotSequence)
                    .put("messages", f[1])
                    .put("seconds", Json.of(f[2] / 1000.0, 3))
                    .put("recoveries", f[3])
                    .put("failures", f[4])
                    .put("bufferedPackets", f[5])
                    .put("coveredMessages", s.counters().snapshotCoveredMessages()));
            }
            out.println(doc
                .put("latencyNs", Json.object()
                    .put("p50", wire.p50())
                    .put("p90", wire.p90())
                    .put("p99", wire.p99())
                    .put("p999", wire.p999())
                    .put("max", wire.max()))
                .put("latencyMessages", wire.count())
                .put("warmupSeconds", warmup())
                .put("results", handler.resultsDirectory().toString())
                .put("subscribers", subs)
                .toJson(false));
        }
        else
        {
            out.println();
            out.printf("demo: sent %,d, received %,d, gaps %d (recovered %d messages, unrecovered %d), " +
                "duplicate packets %d%n", sent, received, s.counters().gaps(), s.counters().recoveredMessages(), s.counters().unrecoveredMessages(),
                s.counters().duplicatePackets());
            if (joinAfter > 0)
            {
                out.printf("demo: joined %.1f s late: %d snapshot(s) loaded, the last up to sequence %,d, %,d " +
                    "messages in %.3f s (%d failed attempts, %,d live packets buffered meanwhile)%n", joinAfter,
                    f[3], snapshotSequence, f[1], f[2] / 1000.0, f[4], f[5]);
            }
            out.println("demo: books " + (null == difference ? "match" : "DIFFER from") +
                " an in-process replay of the same stream" + (null == difference ? "" : ": " + difference));
            out.printf("demo: wire->book latency (simulator's intended send time to book updated), %,d messages" +
                (warmup() > 0 ? " after a " + warmup() + " s warm-up" : "") + ":%n" +
                "      p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n", wire.count(), RunCommand.micros(wire.p50()),
                RunCommand.micros(wire.p90()), RunCommand.micros(wire.p99()), RunCommand.micros(wire.p999()),
                RunCommand.micros(wire.max()));
            out.println("demo: histograms in " + handler.resultsDirectory() +
                " (latency.hlog, recv-decode.hgrm, recv-book.hgrm, wire-book.hgrm)");
            ResultsHints.lines(handler.resultsDirectory()).forEach((line) -> out.println("demo: " + line));
            out.println("demo: simulator: " + publisherJson.trim());
            for (final DemoSubscribers.Result r : subscriberResults)
            {
                out.println("demo: subscriber " + r.describe(r.booksMatch(replayBooks)));
            }
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * @param publisherJson the simulator's summary ({@code publish --json}): one JSON object.
     * @return its {@code sent} count, or -1 when the text is not such an object.
     */
    static long sentBy(final String publisherJson)
    {
        try
        {
            final Object sent = Json.parseObject(publisherJson.strip()).get("sent");
            return sent instanceof Long ? (Long)sent : -1;
        }
        catch (final IllegalArgumentException ex)
        {
            return -1;
        }
    }

    /** Seconds of JIT warm-up left out of the latency summary: 2 s, or none for runs under 4 s. */
    private int warmup()
    {
        return seconds >= 4 ? 2 : 0;
    }

    private void validate()
    {
        final CommandLine cmd = spec.commandLine();
        if (!"udp".equals(transport) && !"aeron".equals(transport))
        {
            throw new CommandLine.ParameterException(cmd, "--transport must be udp or aeron, not '" + transport + "'");
        }
        if (!(seconds > 0 && seconds <= MAX_SECONDS))
        {
            throw new CommandLine.ParameterException(cmd, "--seconds must be in (0, " + MAX_SECONDS + "], not " + seconds);
        }
        if (!(rate >= Publisher.MIN_RATE && rate <= Publisher.MAX_RATE))
        {
            throw new CommandLine.ParameterException(cmd,
                "--rate must be in [" + Publisher.MIN_RATE + ", " + Publisher.MAX_RATE + "], not " + rate);
        }
        if (!(loss >= 0 && loss < 1))
        {
            throw new CommandLine.ParameterException(cmd, "--loss must be in [0, 1)");
        }
        if (ab && !"udp".equals(transport))
        {
            throw new CommandLine.ParameterException(cmd, "--ab needs --transport udp");
        }
        if (subscribers < 0 || subscribers > DemoSubscribers.MAX)
        {
            throw new CommandLine.ParameterException(cmd, "--subscribers must be in [0, " + DemoSubscribers.MAX + "]");
        }
        if (!(joinAfter >= 0 && joinAfter < seconds))
        {
            throw new CommandLine.ParameterException(cmd,
                "--join-after must be in [0, --seconds), not " + joinAfter);
        }
        if (joinAfter > 0 && !"udp".equals(transport))
        {
            // over Aeron IPC the simulator publishes through the handler's driver, so it cannot start first
            throw new CommandLine.ParameterException(cmd, "--join-after needs --transport udp");
        }
        stream.check(cmd);
    }

    private void chooseEndpoints() throws IOException
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final String subnet = "239.194." + random.nextInt(1, 255) + ".";
        final int host = random.nextInt(1, 254);
        groupA = subnet + host + ":" + freeUdpPort();
        groupB = subnet + (host + 1) + ":" + freeUdpPort();
        retransmitPort = freeUdpPort();
        snapshotPort = freeTcpPort();
    }

    /**
     * Wait (at most 60 s) until the simulator's GLIMPSE server accepts connections: it starts just before
     * the send loop, so the handler's S seconds count from the first message, not from the JVM's start.
     *
     * @return false when a signal came, or the simulator exited, first.
     */
    private static boolean awaitListening(final Process simulator, final int port, final ShutdownSignals signals)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && simulator.isAlive() && !signals.received())
        {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port))
            {
                return true;
            }
            catch (final IOException notYet)
            {
                Thread.sleep(20);
            }
        }
        return false;
    }

    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * @return the request server's history when joining late: the largest power of two (the history
     * rounds up to one) below the messages sent before the handler starts, so that they cannot all be
     * served from it; no shorter, since a handler catching up after its snapshot (its receiver busy
     * loading it, the socket buffer filling) may meet gaps the history should still cover.
     */
    int lateJoinHistory()
    {
        final long missed = (long)(joinAfter * rate);
        return (int)Math.max(1, Math.min(1 << 20, Long.highestOneBit(Math.max(1, missed - 1))));
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private Settings demoSettings()
    {
        final Properties p = new Properties();
        p.setProperty(Configuration.TRANSPORT_PROP_NAME, transport);
        p.setProperty(Configuration.UDP_GROUP_A_PROP_NAME, groupA);
        p.setProperty(Configuration.UDP_INTERFACE_A_PROP_NAME, "lo");
        if (ab)
        {
            p.setProperty(Configuration.UDP_GROUP_B_PROP_NAME, groupB);
        }
        p.setProperty(Configuration.AERON_CHANNEL_PROP_NAME, "aeron:ipc");
        p.setProperty(Configuration.AERON_STREAM_ID_PROP_NAME, String.valueOf(AERON_STREAM_ID));
        p.setProperty(Configuration.RECOVERY_SERVER_PROP_NAME, "127.0.0.1:" + retransmitPort);
        p.setProperty(Configuration.RECOVERY_TIMEOUT_MS_PROP_NAME, "20");
        p.setProperty(Configuration.RECOVERY_MAX_ATTEMPTS_PROP_NAME, "10");
        p.setProperty(Configuration.GAP_WAIT_US_PROP_NAME, "100");
        p.setProperty(Configuration.BOOK_MAX_ORDERS_PROP_NAME, "1048576");
        p.setProperty(Configuration.BOOK_MAX_LEVELS_PROP_NAME, "262144");
        // one busy-spinning thread (the receiver); everything else yields, backs off or sleeps
        p.setProperty(Configuration.RECEIVER_IDLE_STRATEGY_PROP_NAME, "spin");
        p.setProperty(Configuration.RECEIVER_CPU_PROP_NAME, Runtime.getRuntime().availableProcessors() > 1 ? "1" : "-1");
        p.setProperty(Configuration.COUNTERS_FILE_PROP_NAME,
            "/dev/shm/feed-handler/demo-" + ProcessHandle.current().pid() + ".dat");
        p.setProperty(Configuration.PREFLIGHT_MODE_PROP_NAME, "warn");
        p.setProperty(Configuration.RESULTS_DIR_PROP_NAME, "results");
        if (subscribers > 0)
        {
            p.setProperty(Configuration.OUTPUT_ENABLED_PROP_NAME, "true");
            p.setProperty(Configuration.OUTPUT_ARCHIVE_DIR_PROP_NAME, archiveDir.toString());
        }
        if (joinAfter > 0)
        {
            p.setProperty(Configuration.SNAPSHOT_SERVER_PROP_NAME, "127.0.0.1:" + snapshotPort);
            p.setProperty(Configuration.SNAPSHOT_ON_PROP_NAME, "start,gap");
        }
        return Settings.of(p, "demo");
    }

    private Process startPublisher(final FeedHandler handler) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add("publish");
        if ("aeron".equals(transport))
        {
            command.addAll(List.of("--channel", "aeron:ipc", "--stream-id", String.valueOf(AERON_STREAM_ID),
                "--aeron-dir", handler.aeronDirectory()));
        }
        else
        {
            command.addAll(List.of("--channel",
                "udp://" + groupA + "?interface=lo" + (ab ? "&b=" + groupB : "")));
        }
        command.addAll(List.of(
            "--rate", String.valueOf(rate),
            "--seconds", String.valueOf(seconds),
            "--seed", String.valueOf(stream.seed),
            "--stocks", String.valueOf(stream.stocks),
            "--sub-dollar", String.valueOf(stream.subDollarPercent),
            "--idle", "yield",
            "--retransmit-port", String.valueOf(retransmitPort),
            // a late handler catches up after its snapshot: the simulator answers requests (and logins) longer
            "--linger", String.valueOf(2 + joinAfter),
            "--parent-pid", String.valueOf(ProcessHandle.current().pid()),
            "--json", "--quiet"));
        if (loss > 0)
        {
            command.addAll(List.of("--loss", String.valueOf(loss)));
        }
        if (ab)
        {
            command.add("--ab");
        }
        if (joinAfter > 0)
        {
            command.addAll(List.of("--snapshot-port", String.valueOf(snapshotPort),
                "--history", String.valueOf(lateJoinHistory())));
        }
        return JvmFlags.childJvm(Main.class, command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String readAll(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Wait (at most 10 s, or until a signal) until the handler has delivered every message sent. */
    private static void awaitDelivered(final FeedHandler handler, final long sent, final ShutdownSignals signals)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handler.messagesPublished() < sent && System.nanoTime() < deadline && !signals.received())
        {
            Thread.sleep(10);
        }
    }

    /**
     * Joining late, the handler delivers only what followed its snapshot, so how many messages it will
     * decode is not known beforehand: wait (at most 10 s, or until a signal) until a snapshot has been
     * loaded and the decoded count has not moved for half a second. The simulator has finished and
     * lingered by now, so the feed is over.
     */
    private static void awaitQuiet(final FeedHandler handler, final ShutdownSignals signals)
        throws InterruptedException
    {
        final FeedCounters c = handler.counters();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && !signals.received())
        {
            final long now = System.nanoTime();
            final long messages = handler.messagesPublished();
            if (messages != last)
            {
                last = messages;
                quietSince = now;
            }
            else if (c.snapshotRecoveries().get() > 0 && FeedCounters.SNAPSHOT_STATE_IDLE == c.snapshotState().get() &&
                now - quietSince >= TimeUnit.MILLISECONDS.toNanos(500))
            {
                return;
            }
            Thread.sleep(10);
        }
    }

    /**
     * Regenerate the simulator's stream (same seed and stocks, so the same orders) and build books from
     * it in-process, then compare with the live books.
     */
    private String compareWithReplay(final OrderBooks liveBooks, final long messages)
    {
        if (messages < 0)
        {
            return "nothing was sent";
        }
        final OrderBooks replayBooks = new OrderBooks(
            new OrderBooks.Context().maxOrders(liveBooks.maxOrders()).maxLevels(liveBooks.maxLevels()));
        replay = new FeedPipeline(new FeedPipeline.Context().books(replayBooks));
        new MarketGenerator(
            stream.seed, stream.stocks, PublisherContext.DEFAULT_MAX_LIVE_ORDERS, MarketGenerator.Flow.INDEPENDENT,
            stream.subDollarPercent)
            .generate(messages, replay);
        return BookComparison.firstDifference(replayBooks, liveBooks);
    }
}
