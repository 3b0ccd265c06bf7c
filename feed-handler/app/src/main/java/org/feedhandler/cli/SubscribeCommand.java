package org.feedhandler.cli;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.BookSnapshot;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.feedhandler.common.ProgressLine;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.IdleStrategies;
import org.feedhandler.handler.OutputFeed;
import org.feedhandler.subscriber.MarketDataSubscriber;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code feed-handler subscribe}: consume a handler's normalized output over Aeron in this process,
 * rebuild the books with {@link MarketDataSubscriber}, and report messages, output gaps and the
 * handler-to-subscriber latency (the message's publish time against this process's clock).
 */
@Command(
    name = "subscribe",
    mixinStandardHelpOptions = true,
    description = "Subscribe to a handler's normalized SBE output over Aeron, rebuild the books, and print a " +
        "progress line each second: messages, output gaps, and handler-to-subscriber latency (publish time to " +
        "receipt, per event published after the subscriber started). When the handler records its output (feed.output.archive.dir) the subscriber " +
        "joins from the recording's start, however late it starts. --json prints the totals, the latency " +
        "percentiles and the books in replay's format at the end.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:ran to the end (--seconds, or a signal)",
        "70:the output or its archive went away",
    })
public final class SubscribeCommand implements Callable<Integer>
{
    private static final long MAX_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);

    @Mixin
    JsonOption output = new JsonOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--aeron-dir", paramLabel = "DIR", required = true,
        description = "The handler's media driver directory (its 'fh: output' line prints it).")
    String aeronDir;

    @Option(names = "--channel", paramLabel = "CH",
        description = "The output channel, as feed.output.channel (default: ${DEFAULT-VALUE}).")
    String channel = Configuration.OUTPUT_CHANNEL_DEFAULT;

    @Option(names = "--stream", paramLabel = "ID",
        description = "The output stream id, as feed.output.stream (default: ${DEFAULT-VALUE}).")
    int stream = Configuration.OUTPUT_STREAM_DEFAULT;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: until a signal).")
    Double seconds;

    @Option(names = "--live-only", description = "Do not join from the handler's recording, even if it has one.")
    boolean liveOnly;

    @Option(names = "--idle", paramLabel = "STRATEGY",
        description = "Idle strategy while nothing arrives: " + IdleStrategies.NAMES + " (default: ${DEFAULT-VALUE}).")
    String idle = "backoff";

    @Option(names = "--depth", paramLabel = "N", description = "Levels per side in the --json books (default: 5).")
    int depth = BookSnapshot.DEFAULT_DEPTH;

    @Option(names = "--no-progress", description = "No progress line.")
    boolean noProgress;

    @Option(names = "--max-orders", paramLabel = "N", hidden = true, description = "Order capacity of the books.")
    int maxOrders = 1 << 21;

    @Option(names = "--max-levels", paramLabel = "N", hidden = true, description = "Level capacity of the books.")
    int maxLevels = 1 << 18;

    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (null != seconds && !(seconds > 0))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be > 0");
        }
        final IdleStrategy idleStrategy;
        try
        {
            idleStrategy = IdleStrategies.of(idle, "--idle");
        }
        catch (final RuntimeException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }

        final Stats stats = new Stats();
        try (ShutdownSignals signals = ShutdownSignals.install();
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            AeronArchive archive = liveOnly ? null : connectArchive(aeron);
            MarketDataSubscriber subscriber = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron).archive(archive).channel(channel).streamId(stream).listener(stats)
                .books(new OrderBooks.Context().maxOrders(maxOrders).maxLevels(maxLevels))))
        {
            stats.subscriber = subscriber;
            final long start = System.nanoTime();
            final long end = null == seconds ? Long.MAX_VALUE : start + (long)(seconds * 1e9);
            long nextReport = start + TimeUnit.SECONDS.toNanos(1);
            try
            {
                while (!signals.received())
                {
                    final long now = System.nanoTime();
                    if (now - end >= 0)
                    {
                        break;
                    }
                    if (now - nextReport >= 0 && !noProgress)
                    {
                        nextReport += TimeUnit.SECONDS.toNanos(1);
                        err.println(progress(subscriber, stats, false));
                        err.flush();
                    }
                    idleStrategy.idle(subscriber.poll(256));
                }
            }
            catch (final IllegalStateException ex)
            {
                err.println("feed-handler subscribe: " + ex.getMessage());
                return ExitCodes.SOFTWARE;
            }
            if (output.json)
            {
                out.println(json(subscriber, stats).toJson(false));
            }
            else
            {
                out.println(progress(subscriber, stats, true));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static AeronArchive connectArchive(final Aeron aeron)
    {
        try
        {
            return AeronArchive.connect(OutputFeed.archiveClientContext(aeron.context().aeronDirectoryName())
                .aeron(aeron).messageTimeoutNs(TimeUnit.SECONDS.toNanos(2)));
        }
        catch (final RuntimeException ex)
        {
            return null; // no archive: the handler does not record its output; join live
        }
    }

    private static String progress(final MarketDataSubscriber subscriber, final Stats stats, final boolean last)
    {
        final Histogram h = stats.latency;
        return new ProgressLine("subscribe", System.currentTimeMillis(), false)
            .text(String.format(" join %s | messages %,d gaps %d lost %d | p50 %.1fus p99 %.1fus max %.1fus%s",
                subscriber.join().name().toLowerCase(), subscriber.messages(), subscriber.gaps(),
                subscriber.lostMessages(), micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getMaxValue()), last ? " (end)" : ""))
            .toString();
    }

    private Json.ObjectValue json(final MarketDataSubscriber subscriber, final Stats stats)
    {
        final Histogram h = stats.latency;
        return Json.object()
            .put("channel", channel)
            .put("stream", stream)
            .put("join", subscriber.join().name().toLowerCase())
            .put("joinedLate", subscriber.joinedFromRecording())
            .put("firstSequence", subscriber.firstSequence())
            .put("messages", subscriber.messages())
            .put("events", h.getTotalCount() + stats.replayedEvents)
            .put("eventsPublishedBeforeStart", stats.replayedEvents)
            .put("latencyEvents", h.getTotalCount())
            .put("outputGaps", subscriber.gaps())
            .put("lostMessages", subscriber.lostMessages())
            .put("malformed", subscriber.malformed())
            .put("latencyNs", Json.object()
                .put("p50", h.getValueAtPercentile(50))
                .put("p90", h.getValueAtPercentile(90))
                .put("p99", h.getValueAtPercentile(99))
                .put("p999", h.getValueAtPercentile(99.9))
                .put("max", h.getMaxValue()))
            .put("books", ReplayCommand.booksJson(subscriber.books(), (locate) -> stats.symbols[locate], depth));
    }

    private static double micros(final long nanos)
    {
        return Math.round(nanos / 100.0) / 10.0;
    }

    /** Symbols by locate, and the handler-to-subscriber latency of each event. */
    private static final class Stats implements MarketDataListener
    {
        final long[] symbols = new long[OrderBooks.LOCATE_COUNT];
        final Histogram latency = new Histogram(MAX_LATENCY_NS, 3);
        final EpochNanoClock clock = new OffsetEpochNanoClock();
        // events published before this process started (a late join's replay) are counted, not timed
        final long startNs = clock.nanoTime();
        long replayedEvents;
        MarketDataSubscriber subscriber;

        public void onInstrument(
            final int instrumentId,
            final long symbol,
            final byte marketCategory,
            final byte financialStatus,
            final long roundLotSize,
            final byte issueClassification,
            final byte luldReferencePriceTier,
            final long timestamp)
        {
            if (instrumentId >= 0 && instrumentId < symbols.length)
            {
                symbols[instrumentId] = symbol;
            }
        }

        public void onEndOfEvent()
        {
            final long publishedNs = subscriber.publishTimestamp();
            if (publishedNs < startNs)
            {
                replayedEvents++;
                return;
            }
            final long latencyNs = clock.nanoTime() - publishedNs;
            latency.recordValue(Math.max(0, Math.min(latencyNs, MAX_LATENCY_NS)));
        }
    }
}
