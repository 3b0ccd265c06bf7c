package org.feedhandler.bench;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.agrona.concurrent.IdleStrategy;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.IdleStrategies;
import org.feedhandler.config.Settings;
import org.feedhandler.handler.FeedHandler;
import org.feedhandler.latency.LatencyLog;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.handler.ThreadPlacement;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.sim.Publisher;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherChannel;
import org.feedhandler.sim.PublisherResult;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The open-loop latency rig: what the feed handler adds, wire to book, over a receiver that does
 * nothing, measured in the same run, at the same fixed rate, from the same sender.
 * <pre>
 *   Publisher (in process, its own thread, fixed rate, ITCH Timestamp = intended send time)
 *      |  MoldUDP64 on udp://GROUP?interface=lo, TTL 0
 *      v
 *   phase "handler": a real FeedHandler (receiver busy-spins, pinned)  -&gt; its WIRE_TO_BOOK histogram
 *   phase "bare":    a busy-spin non-blocking DatagramChannel (pinned) -&gt; now - ITCH Timestamp per message
 *   ... alternating, phase after phase, while the sender keeps its rate
 * </pre>
 * <b>Open loop, no coordinated omission.</b> The {@link Publisher} gives message {@code i} the
 * intended send time {@code start + i / rate} and writes it, as nanoseconds since midnight
 * ({@link MidnightClock}, one instance shared by the sender and both receivers, so the two sides
 * agree exactly), into the message's ITCH Timestamp. Latency is {@code sinceMidnight(now) - timestamp}:
 * a stall in the sender, the kernel or a receiver counts against every message it delayed.
 * <p>
 * <b>Why phases, not two receivers at once.</b> On a 2-core machine three busy-spinning threads
 * (sender, handler, bare receiver) starve each other, and whichever is descheduled would charge the
 * other two's time to its own histogram. So exactly one receiver spins at a time, on the same pinned
 * CPU ({@code --cpu}, default 1 when the machine has two CPUs or more), and the two alternate in
 * phases of {@code --phase-seconds} (handler, bare, handler, bare, ...) for {@code --seconds} in all,
 * after one discarded warm-up phase of each ({@code --warmup-seconds}, for the JIT). Both see the
 * same sender, rate, packet sizes and the same machine noise, interleaved in time, so their
 * difference is the handler's cost and a noisy neighbour shows in both. Each handler phase launches
 * a fresh {@link FeedHandler} (start sequence {@code first}, books sized by {@code --max-orders}) and
 * closes it at the end; between phases neither receiver is joined to the group, so no backlog piles
 * up. A short settle time ({@code --settle-ms}) after each start is not recorded.
 * <p>
 * <b>The sender</b> busy-spins by default ({@code --sender-idle spin}): with the one receiver that
 * spins at a time, two spinning threads for two CPUs. With {@code yield} it gave its CPU away to
 * whatever else ran on a shared machine and fell hundreds of milliseconds behind its schedule;
 * a late message is still stamped with its intended time, so lateness shows as latency on both sides.
 * <p>
 * <b>Handler to subscriber</b> ({@code --output ipc}): the handler also publishes its normalized output
 * ({@code feed.output.*}, IPC, no archive) and an {@link OutputSubscriber} polls it without pause in the
 * handler phases, recording {@code now - exchange timestamp} (the same intended send time) once an input
 * message, beside the handler's own wire to book. Three spinning threads would starve each other on two
 * CPUs, so in this mode the receiver spins on {@code --cpu}, the subscriber polls on {@code --subscriber-cpu}
 * (default: the other of CPUs 0 and 1) and yields after an empty poll ({@code --subscriber-idle yield}), and
 * the sender shares the subscriber's CPU ({@code --sender-cpu}) and parks between sends
 * ({@code --sender-idle backoff}): it takes that CPU for the few microseconds of a send, late by its park's
 * overshoot, which both sides of the comparison see alike (docs/decisions/0055). Where each thread may
 * run is read back after pinning and printed.
 * <p>
 * <b>Output</b>: a table of p50, p90, p99, p99.9, p99.99, max and count for both, in microseconds,
 * and the handler's excess over the bare receiver at p50 and p99, judged against the target only when
 * the sender never ran more than {@code --max-sender-lag-us} (default 1000) behind its schedule; {@code handler-wire-book.hgrm} and
 * {@code bare.hgrm} (and each handler phase's own {@code .hlog}) under the results directory;
 * {@code --json} prints one JSON document instead of the table.
 * <p>
 * Run: {@code scripts/feed-handler latency-rig --rate 100000 --seconds 20} (add {@code --output ipc} for the
 * subscriber), or
 * {@code java <jvm flags> -cp bench/target/benchmarks.jar org.feedhandler.bench.LatencyRig ...}.
 */
public final class LatencyRig
{
    static final long HIGHEST_TRACKABLE_NANOS = LatencyRecorders.DEFAULT_HIGHEST_TRACKABLE_NANOS;
    static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9, 99.99};
    /**
     * The handler's .hlog interval, its default: the intervals that began before the settle time ended
     * are dropped, so the first second of each handler phase is not recorded. A shorter interval would
     * keep more, but its reporter thread would wake ten times as often on the sender's CPU.
     */
    static final long INTERVAL_MILLIS = Configuration.REPORT_INTERVAL_MS_DEFAULT;
    /** The output in {@code --output ipc}: IPC through the handler's own embedded driver, no archive. */
    static final String OUTPUT_CHANNEL = "aeron:ipc";
    /** Of the output publication: a second of the stream at 100,000 msg/s, so the subscriber never laps. */
    static final int OUTPUT_TERM_LENGTH = 16 * 1024 * 1024;

    private double rate = 100_000;
    private double seconds = 20;
    private double phaseSeconds = 5;
    private double warmupSeconds = 5;
    private long settleMillis = 200;
    private String group = "239.194.9.9:31909";
    private String interfaceName = "lo";
    private int cpu = Runtime.getRuntime().availableProcessors() > 1 ? 1 : -1;
    private String senderIdle;
    private String output = "off";
    private Integer subscriberCpu;
    private Integer senderCpu;
    private String subscriberIdle;
    private int maxOrders = 1 << 20;
    private Path resultsDir;
    private boolean json;
    private double maxSenderLagMicros = 1000;

    private final Histogram handler = newHistogram();
    private final Histogram bare = newHistogram();
    private final OutputSubscriber.Histograms subscriber = new OutputSubscriber.Histograms();
    private String handlerPlacement = "not pinned";
    private String barePlacement = "not pinned";
    private volatile String senderPlacement = "not pinned";
    private String subscriberPlacement = "not pinned";
    private long handlerNegatives;
    private long bareNegatives;
    private long outputMessages;
    private long outputDroppedMessages;
    private long outputBackPressured;

    public static void main(final String[] args) throws Exception
    {
        final LatencyRig rig = new LatencyRig();
        try
        {
            rig.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("latency-rig: " + ex.getMessage());
            System.err.println(usage());
            System.exit(64);
            return;
        }
        if (null == rig.resultsDir)
        {
            System.exit(0); // --help
            return;
        }
        System.exit(rig.run());
    }

    static String usage()
    {
        return "usage: latency-rig [--rate MSG_PER_S] [--seconds S] [--phase-seconds S] [--warmup-seconds S]\n" +
            "                   [--settle-ms MS] [--group ADDR:PORT] [--interface IF] [--cpu N|-1]\n" +
            "                   [--sender-idle yield|spin|backoff] [--max-orders N] [--results DIR] [--json]\n" +
            "                   [--max-sender-lag-us US] [--output off|ipc] [--subscriber-cpu N|-1]\n" +
            "                   [--sender-cpu N|-1] [--subscriber-idle spin|yield|backoff]\n" +
            "defaults: --rate 100000 --seconds 20 --phase-seconds 5 --warmup-seconds 5 --settle-ms 200\n" +
            "          --group 239.194.9.9:31909 --interface lo --cpu 1 (when 2+ CPUs) --sender-idle spin\n" +
            "          --max-orders 1048576 --results results/latency-rig-<UTC time> --max-sender-lag-us 1000\n" +
            "with --output ipc: --subscriber-cpu the other of CPUs 0 and 1, --sender-cpu the subscriber's,\n" +
            "          --sender-idle backoff, --subscriber-idle yield\n" +
            "the target is judged only when the sender never ran more than --max-sender-lag-us late";
    }

    void parse(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg))
            {
                System.out.println(usage());
                return;
            }
            if ("--json".equals(arg))
            {
                json = true;
                continue;
            }
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException(arg + " needs a value (or is unknown)");
            }
            final String value = args[++i];
            try
            {
                switch (arg)
                {
                    case "--rate" -> rate = positive(arg, Double.parseDouble(value));
                    case "--seconds" -> seconds = positive(arg, Double.parseDouble(value));
                    case "--phase-seconds" -> phaseSeconds = positive(arg, Double.parseDouble(value));
                    case "--warmup-seconds" -> warmupSeconds = Math.max(0, Double.parseDouble(value));
                    case "--settle-ms" -> settleMillis = Math.max(0, Long.parseLong(value));
                    case "--group" -> group = value;
                    case "--interface" -> interfaceName = value;
                    case "--cpu" -> cpu = Integer.parseInt(value);
                    case "--sender-idle" -> senderIdle = value;
                    case "--max-orders" -> maxOrders = (int)positive(arg, Integer.parseInt(value));
                    case "--results" -> resultsDir = Path.of(value);
                    case "--max-sender-lag-us" -> maxSenderLagMicros = positive(arg, Double.parseDouble(value));
                    case "--output" -> output = outputMode(value);
                    case "--subscriber-cpu" -> subscriberCpu = Integer.parseInt(value);
                    case "--sender-cpu" -> senderCpu = Integer.parseInt(value);
                    case "--subscriber-idle" -> subscriberIdle = value;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(arg + ": not a number: " + value);
            }
        }
        final boolean ipc = isOutputOn();
        if (null == subscriberCpu)
        {
            subscriberCpu = ipc && cpu >= 0 && cpu <= 1 ? 1 - cpu : -1;
        }
        if (null == senderCpu)
        {
            senderCpu = ipc ? subscriberCpu : -1;
        }
        if (null == senderIdle)
        {
            senderIdle = ipc ? "backoff" : "spin";
        }
        if (null == subscriberIdle)
        {
            subscriberIdle = "yield";
        }
        PublisherContext.idleStrategy(senderIdle);
        subscriberIdleStrategy();
        if (null == resultsDir)
        {
            resultsDir = Path.of("results", "latency-rig-" +
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        }
    }

    private static String outputMode(final String value)
    {
        if (!"off".equals(value) && !"ipc".equals(value))
        {
            throw new IllegalArgumentException("--output must be off or ipc: " + value);
        }
        return value;
    }

    private IdleStrategy subscriberIdleStrategy()
    {
        try
        {
            return IdleStrategies.of(subscriberIdle, "--subscriber-idle");
        }
        catch (final ConfigurationException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    private boolean isOutputOn()
    {
        return "ipc".equals(output);
    }

    private static double positive(final String option, final double value)
    {
        if (!(value > 0) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException(option + " must be positive: " + value);
        }
        return value;
    }

    int run() throws Exception
    {
        Files.createDirectories(resultsDir);
        final String loadBefore = loadAverage();
        final MidnightClock clock = new MidnightClock();
        final int rounds = Math.max(1, (int)Math.round(seconds / (2 * phaseSeconds)));
        final double sendSeconds = 2 * warmupSeconds + 2 * rounds * phaseSeconds + 2 * rounds * 1.0 + 10;

        final PublisherContext ctx = new PublisherContext()
            .channel(PublisherChannel.parse("udp://" + group + "?interface=" + interfaceName))
            .rate(rate)
            .seconds(sendSeconds)
            .seed(7)
            .stocks(500)
            .maxLiveOrders(200_000)
            .idle(senderIdle)
            .retransmitAddress(null)
            .historyMessages(1 << 16)
            .midnightClock(clock);
        final PublisherResult[] result = new PublisherResult[1];
        final Publisher publisher = Publisher.launch(ctx);
        final Thread sender = new Thread(() ->
        {
            if (senderCpu >= 0)
            {
                senderPlacement = ThreadPlacement.pin(senderCpu).toString();
            }
            result[0] = publisher.run();
        }, "rig-sender");
        sender.setDaemon(true);
        sender.start();

        final PrintStream log = new PrintStream(
            Files.newOutputStream(resultsDir.resolve("handler-console.log")), true, StandardCharsets.US_ASCII);
        try
        {
            if (warmupSeconds > 0)
            {
                progress("warm-up: handler %.0f s, bare %.0f s (not recorded)", warmupSeconds, warmupSeconds);
                handlerPhase(clock, "warmup", warmupSeconds, null, log);
                barePhase(clock, warmupSeconds, null);
            }
            for (int round = 1; round <= rounds; round++)
            {
                progress("round %d/%d: handler %.0f s, bare %.0f s", round, rounds, phaseSeconds, phaseSeconds);
                handlerPhase(clock, "round" + round, phaseSeconds, handler, log);
                barePhase(clock, phaseSeconds, bare);
            }
        }
        finally
        {
            publisher.stop();
            sender.join(10_000);
            publisher.close();
            log.close();
        }
        final String loadAfter = loadAverage();

        writeHgrm(handler, resultsDir.resolve("handler-wire-book.hgrm"));
        writeHgrm(bare, resultsDir.resolve("bare.hgrm"));
        if (isOutputOn())
        {
            writeHgrm(subscriber.wireToSubscriber, resultsDir.resolve("subscriber-wire.hgrm"));
        }
        final PublisherResult sent = result[0];
        final long maxLagNs = null == sent ? -1 : sent.maxLagNanos();
        if (json)
        {
            System.out.println(json(rounds, loadBefore, loadAfter, maxLagNs));
        }
        else
        {
            System.out.print(table(rounds, loadBefore, loadAfter, maxLagNs));
        }
        return 0;
    }

    private void handlerPhase(
        final MidnightClock clock, final String label, final double phase, final Histogram into, final PrintStream log)
        throws IOException, InterruptedException
    {
        final Path dir = resultsDir.resolve("handler-phases");
        Settings settings = Settings.defaults()
            .override(Configuration.TRANSPORT_PROP_NAME, "udp")
            .override(Configuration.UDP_GROUP_A_PROP_NAME, group)
            .override(Configuration.UDP_INTERFACE_A_PROP_NAME, interfaceName)
            .override(Configuration.RECEIVER_CPU_PROP_NAME, Integer.toString(cpu))
            .override(Configuration.RECEIVER_IDLE_STRATEGY_PROP_NAME, "spin")
            .override(Configuration.SEQUENCE_START_PROP_NAME, "first")
            .override(Configuration.BOOK_MAX_ORDERS_PROP_NAME, Integer.toString(maxOrders))
            .override(Configuration.BOOK_MAX_LEVELS_PROP_NAME, Integer.toString(Math.max(1024, maxOrders / 4)))
            .override(Configuration.RECOVERY_BUFFER_PROP_NAME, Integer.toString(1 << 20))
            .override(Configuration.RESULTS_DIR_PROP_NAME, dir.toString())
            .override(Configuration.REPORT_INTERVAL_MS_PROP_NAME, Long.toString(INTERVAL_MILLIS))
            .override(Configuration.COUNTERS_FILE_PROP_NAME, resultsDir.resolve("counters.dat").toString());
        if (isOutputOn())
        {
            settings = settings
                .override(Configuration.OUTPUT_ENABLED_PROP_NAME, "true")
                .override(Configuration.OUTPUT_CHANNEL_PROP_NAME, OUTPUT_CHANNEL)
                .override(Configuration.OUTPUT_TERM_LENGTH_PROP_NAME, Integer.toString(OUTPUT_TERM_LENGTH));
        }
        final FeedHandler fh = FeedHandler.launch(new FeedHandler.Context()
            .settings(settings)
            .label("rig-" + label)
            .console(log)
            .progress(false)
            .midnightClock(clock));
        final Path hlog;
        OutputSubscriber sub = null;
        Thread subThread = null;
        try
        {
            if (isOutputOn())
            {
                sub = new OutputSubscriber(clock, fh.outputAeronDirectory(), OUTPUT_CHANNEL,
                    Configuration.OUTPUT_STREAM_DEFAULT, subscriberCpu,
                    subscriberIdleStrategy(), settleMillis,
                    null == into ? new OutputSubscriber.Histograms() : subscriber);
                subThread = new Thread(sub, "rig-subscriber");
                subThread.start();
            }
            Thread.sleep(settleMillis);
            // the settle time's values are in the first interval(s); skip what is logged before this instant
            final long recordFromMillis = System.currentTimeMillis();
            Thread.sleep((long)(phase * 1000));
            if (null != fh.receiver().placement())
            {
                handlerPlacement = fh.receiver().placement().toString();
            }
            if (null != sub)
            {
                stopSubscriber(sub, subThread, null != into, fh);
                subThread = null;
            }
            fh.close();
            hlog = fh.latencyLog().hlogFile();
            if (null != into)
            {
                addWireToBook(hlog, recordFromMillis, into);
                handlerNegatives += fh.latencyLog().summary(LatencyRecorders.WIRE_TO_BOOK).negatives();
            }
        }
        finally
        {
            if (null != subThread)
            {
                sub.stop();
                subThread.join();
            }
            fh.close();
        }
    }

    private void stopSubscriber(
        final OutputSubscriber sub, final Thread thread, final boolean measured, final FeedHandler fh)
        throws InterruptedException
    {
        sub.stop();
        thread.join();
        if (null != sub.failure)
        {
            throw new IllegalStateException("the output subscriber failed", sub.failure);
        }
        subscriberPlacement = sub.placement;
        if (measured)
        {
            outputDroppedMessages += fh.outputFeed().publisher().droppedMessages();
            outputBackPressured += fh.outputFeed().publisher().backPressured();
            outputMessages += fh.outputFeed().publisher().messages();
        }
    }

    /**
     * Adds the {@code wire-book} intervals that started at or after {@code fromMillis} (the intervals
     * are {@value #INTERVAL_MILLIS} ms long, so at most that much of the phase after the settle time is lost).
     */
    private static void addWireToBook(final Path hlog, final long fromMillis, final Histogram into)
        throws FileNotFoundException
    {
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        final String tag = LatencyRecorders.stageName(LatencyRecorders.WIRE_TO_BOOK);
        EncodableHistogram interval;
        while (null != (interval = reader.nextIntervalHistogram()))
        {
            if (tag.equals(interval.getTag()) && interval instanceof Histogram && interval.getStartTimeStamp() >= fromMillis)
            {
                into.add((Histogram)interval);
            }
        }
    }

    private void barePhase(final MidnightClock clock, final double phase, final Histogram into) throws Exception
    {
        final BareReceiver receiver = new BareReceiver(clock, group, interfaceName, cpu, settleMillis,
            (long)(phase * 1e9), null == into ? newHistogram() : into);
        final Thread thread = new Thread(receiver, "rig-bare");
        thread.start();
        thread.join();
        if (null != receiver.failure)
        {
            throw receiver.failure;
        }
        barePlacement = receiver.placement;
        if (null != into)
        {
            bareNegatives += receiver.negatives;
        }
    }

    static Histogram newHistogram()
    {
        return new Histogram(LatencyRecorders.LOWEST_TRACKABLE_NANOS, HIGHEST_TRACKABLE_NANOS,
            LatencyRecorders.SIGNIFICANT_DIGITS);
    }

    private static void writeHgrm(final Histogram histogram, final Path file) throws IOException
    {
        try (OutputStream out = Files.newOutputStream(file);
            PrintStream ps = new PrintStream(out, false, StandardCharsets.US_ASCII))
        {
            histogram.outputPercentileDistribution(ps, LatencyLog.NANOS_PER_MICRO);
        }
    }

    private String table(final int rounds, final String loadBefore, final String loadAfter, final long maxLagNs)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.US_ASCII);
        out.printf(Locale.ROOT, "latency-rig: %,.0f msg/s, %d round(s) of %.0f s handler + %.0f s bare, " +
            "receiver CPU %s, sender idle %s, load %s -> %s%n", rate, rounds, phaseSeconds, phaseSeconds,
            cpu < 0 ? "any" : Integer.toString(cpu), senderIdle, loadBefore, loadAfter);
        out.printf(Locale.ROOT, "  handler thread: %s%n  bare thread:    %s%n  sender thread:  %s%n",
            handlerPlacement, barePlacement, senderPlacement);
        if (isOutputOn())
        {
            out.printf(Locale.ROOT, "  subscriber:     %s, idle %s%n", subscriberPlacement, subscriberIdle);
        }
        out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s %9s %11s%n",
            "us (wire -> ...)", "p50", "p90", "p99", "p99.9", "p99.99", "max", "count");
        row(out, "handler (wire->book)", handler);
        row(out, "bare (wire->read)", bare);
        final long d50 = handler.getValueAtPercentile(50) - bare.getValueAtPercentile(50);
        final long d99 = handler.getValueAtPercentile(99) - bare.getValueAtPercentile(99);
        out.printf(Locale.ROOT, "%-22s %9.2f %9s %9.2f%n", "handler - bare", d50 / 1000.0, "", d99 / 1000.0);
        if (judged(maxLagNs))
        {
            out.printf(Locale.ROOT, "target (issue 4): handler - bare <= 1 us at p50 (%s), <= 2 us at p99 (%s)%n",
                d50 <= 1000 ? "met" : "NOT met", d99 <= 2000 ? "met" : "NOT met");
        }
        else
        {
            out.printf(Locale.ROOT, "target (issue 4) NOT JUDGED: the sender ran up to %.0f us late (limit %.0f us," +
                " --max-sender-lag-us): the machine is too busy for the figures to mean anything%n",
                maxLagNs / 1000.0, maxSenderLagMicros);
        }
        if (isOutputOn())
        {
            outputTable(out, maxLagNs);
        }
        out.printf(Locale.ROOT, "negative values skipped: handler %d, bare %d; sender max lag (whole run, warm-up " +
            "included) %.1f us%n",
            handlerNegatives, bareNegatives, maxLagNs / 1000.0);
        out.printf(Locale.ROOT, "results: %s (handler-wire-book.hgrm, bare.hgrm, handler-phases/)%n",
            resultsDir.toAbsolutePath());
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** The handler-to-subscriber rows of {@code --output ipc}: issue 21's target. */
    private void outputTable(final PrintStream out, final long maxLagNs)
    {
        out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s %9s %11s%n",
            "us (output, IPC)", "p50", "p90", "p99", "p99.9", "p99.99", "max", "count");
        row(out, "subscriber (wire->sub)", subscriber.wireToSubscriber);
        row(out, "  wire->receive", subscriber.wireToReceive);
        row(out, "  receive->publish", subscriber.receiveToPublish);
        row(out, "  publish->subscriber", subscriber.publishToSubscriber);
        final long d50 = subscriberExcess(50);
        out.printf(Locale.ROOT, "%-22s %9.2f %9s %9.2f%n", "subscriber - handler", d50 / 1000.0, "",
            subscriberExcess(99) / 1000.0);
        out.printf(Locale.ROOT, "target (issue 21): subscriber - handler wire->book <= 1 us at p50: %s%s%n",
            d50 <= 1000 ? "met" : "NOT met", judged(maxLagNs) ? "" : String.format(Locale.ROOT,
            ", NOT JUDGED: the sender ran up to %.0f us late (both sides carry it)", maxLagNs / 1000.0));
        out.printf(Locale.ROOT, "output: %,d messages published, %,d dropped (%d events back-pressured, the rest " +
            "before the subscriber connected); subscriber: %d sequence gaps, %d negative values, %d involuntary " +
            "context switches%n", outputMessages, outputDroppedMessages, outputBackPressured, subscriber.gaps,
            subscriber.negatives, subscriber.involuntarySwitches);
    }

    private long subscriberExcess(final double percentile)
    {
        return subscriber.wireToSubscriber.getValueAtPercentile(percentile) - handler.getValueAtPercentile(percentile);
    }

    private static void row(final PrintStream out, final String name, final Histogram h)
    {
        out.printf(Locale.ROOT, "%-22s", name);
        for (final double p : PERCENTILES)
        {
            out.printf(Locale.ROOT, " %9.2f", h.getValueAtPercentile(p) / 1000.0);
        }
        out.printf(Locale.ROOT, " %9.2f %11d%n", h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    private String json(final int rounds, final String loadBefore, final String loadAfter, final long maxLagNs)
    {
        final Map<String, Histogram> both = new HashMap<>();
        both.put("handler", handler);
        both.put("bare", bare);
        if (isOutputOn())
        {
            both.put("subscriber", subscriber.wireToSubscriber);
            both.put("wireToReceive", subscriber.wireToReceive);
            both.put("receiveToPublish", subscriber.receiveToPublish);
            both.put("publishToSubscriber", subscriber.publishToSubscriber);
        }
        final StringBuilder sb = new StringBuilder(512);
        sb.append('{');
        sb.append("\"rate\":").append((long)rate);
        sb.append(",\"rounds\":").append(rounds);
        sb.append(",\"phaseSeconds\":").append(phaseSeconds);
        sb.append(",\"cpu\":").append(cpu);
        sb.append(",\"senderIdle\":\"").append(senderIdle).append('"');
        sb.append(",\"loadBefore\":\"").append(loadBefore).append('"');
        sb.append(",\"loadAfter\":\"").append(loadAfter).append('"');
        sb.append(",\"senderMaxLagNs\":").append(maxLagNs);
        sb.append(",\"unit\":\"ns\"");
        for (final String name : new String[]{"handler", "bare", "subscriber", "wireToReceive", "receiveToPublish",
            "publishToSubscriber"})
        {
            final Histogram h = both.get(name);
            if (null == h)
            {
                continue;
            }
            sb.append(",\"").append(name).append("\":{");
            sb.append("\"p50\":").append(h.getValueAtPercentile(50));
            sb.append(",\"p90\":").append(h.getValueAtPercentile(90));
            sb.append(",\"p99\":").append(h.getValueAtPercentile(99));
            sb.append(",\"p99_9\":").append(h.getValueAtPercentile(99.9));
            sb.append(",\"p99_99\":").append(h.getValueAtPercentile(99.99));
            sb.append(",\"max\":").append(h.getMaxValue());
            sb.append(",\"count\":").append(h.getTotalCount());
            sb.append(",\"negatives\":").append("handler".equals(name) ? handlerNegatives :
                "bare".equals(name) ? bareNegatives : subscriber.negatives);
            sb.append('}');
        }
        final long d50 = handler.getValueAtPercentile(50) - bare.getValueAtPercentile(50);
        final long d99 = handler.getValueAtPercentile(99) - bare.getValueAtPercentile(99);
        sb.append(",\"differenceNs\":{\"p50\":").append(d50).append(",\"p99\":").append(d99).append('}');
        sb.append(",\"judged\":").append(judged(maxLagNs));
        sb.append(",\"targetMet\":{\"p50\":").append(d50 <= 1000).append(",\"p99\":").append(d99 <= 2000).append('}');
        if (isOutputOn())
        {
            sb.append(",\"output\":{\"mode\":\"").append(output).append('"');
            sb.append(",\"subscriberMinusHandlerNs\":{\"p50\":").append(subscriberExcess(50));
            sb.append(",\"p99\":").append(subscriberExcess(99)).append('}');
            sb.append(",\"targetMetP50\":").append(subscriberExcess(50) <= 1000);
            sb.append(",\"messages\":").append(outputMessages);
            sb.append(",\"dropped\":").append(outputDroppedMessages);
            sb.append(",\"backPressuredEvents\":").append(outputBackPressured);
            sb.append(",\"gaps\":").append(subscriber.gaps);
            sb.append(",\"subscriberInvoluntarySwitches\":").append(subscriber.involuntarySwitches).append('}');
        }
        sb.append(",\"results\":\"").append(resultsDir.toAbsolutePath().toString().replace("\\", "\\\\")
            .replace("\"", "\\\"")).append('"');
        sb.append('}');
        return sb.toString();
    }

    /** The target is judged only when the sender kept its schedule: otherwise both sides measure the machine. */
    private boolean judged(final long maxLagNs)
    {
        return maxLagNs >= 0 && maxLagNs <= maxSenderLagMicros * 1000.0;
    }

    private static void progress(final String format, final Object... args)
    {
        System.err.printf(Locale.ROOT, "latency-rig: " + format + "%n", args);
    }

    private static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }
}
