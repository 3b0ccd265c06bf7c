package org.feedhandler.handler;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.feedhandler.config.Configuration;
import org.feedhandler.latency.LatencyLog;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.status.FeedCounters;
import org.feedhandler.common.ProgressLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The non-critical thread's work, once per report interval: drain the latency recorders into the
 * {@code .hlog}, print one progress line (rates, gaps, recovery, the last interval's wire-to-book
 * percentiles), and say what the hot path could only count: capacity reached (naming the key to
 * raise), messages given up, lines gone silent, involuntary context switches on the hot thread, a
 * pinning that did not hold. It reads the published counters, never the hot thread's fields.
 */
public final class ReporterAgent implements Agent
{
    public static final String ROLE_NAME = "fh-reporter";

    private final FeedCounters counters;
    private final AtomicCounter ordersFull;
    private final AtomicCounter levelsFull;
    private final AtomicCounter contextSwitches;
    private final LatencyLog latencyLog;
    private final ReceiverAgent receiver;
    private final PrintStream console;
    private final EpochClock clock;
    private final long intervalMs;
    private final int ctxswWarn;
    private final int lines;
    private final boolean progress;
    private final int warmupIntervals;
    private final boolean progressJson;
    private final SnapshotDriver snapshot;

    private long nextReportMs;
    private long lastMessages;
    private long lastReportMs;
    private long lastUnrecovered;
    private long lastOrdersFull;
    private long lastLevelsFull;
    private final long[] lastSequencing = new long[5];
    private final long[] lastSilent = new long[FeedCounters.MAX_LINES];
    private long lastSnapshotRecoveries;
    private long lastSnapshotFailures;
    private boolean placementReported;
    private long reports;

    /**
     * @param ctx      the handler's concluded context, its counters and latency log open.
     * @param receiver the hot agent, for its placement.
     */
    ReporterAgent(final FeedHandler.Context ctx, final ReceiverAgent receiver)
    {
        this.counters = ctx.counters;
        this.ordersFull = ctx.counters.bookRejects().ordersFull();
        this.levelsFull = ctx.counters.bookRejects().levelsFull();
        this.contextSwitches = ctx.contextSwitches;
        this.latencyLog = ctx.latencyLog;
        this.receiver = receiver;
        this.console = ctx.console();
        this.clock = ctx.epochClock();
        this.intervalMs = ctx.reportIntervalMs;
        this.ctxswWarn = ctx.ctxswWarn;
        this.lines = ctx.lines;
        this.progress = ctx.progress();
        this.progressJson = ctx.progressJson();
        this.warmupIntervals = ctx.warmupIntervals();
        this.snapshot = ctx.snapshotDriver;
    }

    public void onStart()
    {
        lastReportMs = clock.time();
        nextReportMs = lastReportMs + intervalMs;
    }

    public int doWork()
    {
        final long nowMs = clock.time();
        if (!placementReported && receiver.isStarted())
        {
            placementReported = true;
            reportPlacement();
        }
        if (nowMs < nextReportMs)
        {
            return 0;
        }
        nextReportMs = nowMs + intervalMs;
        report(nowMs);
        return 1;
    }

    private void reportPlacement()
    {
        final ThreadPlacement placement = receiver.placement();
        if (null == placement)
        {
            return;
        }
        if (placement.verified())
        {
            console.println("fh: receiver thread " + placement.tid() + " pinned to CPU " + placement.cpu() +
                " (verified: Cpus_allowed_list=" + placement.cpusAllowed() + ")");
        }
        else
        {
            console.println("fh: WARNING receiver thread " + placement.tid() + " asked for CPU " + placement.cpu() +
                " but may run on " + placement.cpusAllowed() + ": check " + Configuration.RECEIVER_CPU_PROP_NAME +
                " against the process's cpuset (taskset/numactl/cgroup)");
        }
    }

    private void report(final long nowMs)
    {
        reports++;
        if (null != latencyLog)
        {
            latencyLog.drainInterval();
            if (reports == warmupIntervals)
            {
                latencyLog.resetTotals();
                console.println("fh: warm-up over (" + warmupIntervals + " interval(s)): the latency summary and" +
                    " .hgrm files start here; latency.hlog keeps every interval");
            }
        }

        final long messages = counters.messages().get();
        final double seconds = Math.max(1, nowMs - lastReportMs) / 1000.0;
        final long rate = Math.round((messages - lastMessages) / seconds);
        lastMessages = messages;
        lastReportMs = nowMs;

        if (progress)
        {
            final ProgressLine line = new ProgressLine("fh", nowMs, progressJson)
                .text(String.format(" msgs/s %,d total %,d | gaps %d recovered %d unrecovered %d dup %d",
                    rate, messages, counters.gaps().get(), counters.recovered().get(), counters.unrecovered().get(),
                    counters.duplicates().get()))
                .text(String.format(" | book rejects %d stale books %d",
                    counters.bookRejects().total().get(), counters.staleBooks().get()))
                .text(String.format(" | foreign %d implausible %d sessions %d eos %d hb %d overflows %d",
                    counters.foreignSessionPackets().get(), counters.implausibleSequencePackets().get(),
                    counters.sessionChanges().get(), counters.endOfSession().get(), counters.heartbeats().get(),
                    counters.holdStoreOverflows().get()))
                .field("msgsPerSec", rate).field("messages", messages).field("gaps", counters.gaps().get())
                .field("recovered", counters.recovered().get()).field("unrecovered", counters.unrecovered().get())
                .field("duplicates", counters.duplicates().get())
                .field("bookRejects", counters.bookRejects().total().get())
                .field("staleBooks", counters.staleBooks().get())
                .field("foreignSessionPackets", counters.foreignSessionPackets().get())
                .field("implausibleSequencePackets", counters.implausibleSequencePackets().get())
                .field("sessionChanges", counters.sessionChanges().get())
                .field("endOfSession", counters.endOfSession().get()).field("heartbeats", counters.heartbeats().get())
                .field("holdStoreOverflows", counters.holdStoreOverflows().get());
            if (null != snapshot)
            {
                appendSnapshot(line);
            }
            if (null != latencyLog)
            {
                final int stage = LatencyRecorders.WIRE_TO_BOOK;
                line.text(latencyLog.appendProgress(stage, new StringBuilder(" | ")))
                    .object(LatencyRecorders.stageName(stage))
                    .field("n", latencyLog.lastCount(stage)).field("p50Ns", latencyLog.lastP50(stage))
                    .field("p99Ns", latencyLog.lastP99(stage)).field("p999Ns", latencyLog.lastP999(stage))
                    .field("maxNs", latencyLog.lastMax(stage)).endObject();
            }
            console.println(line);
        }

        final long unrecovered = counters.unrecovered().get();
        if (unrecovered > lastUnrecovered)
        {
            console.println("fh: ERROR " + (unrecovered - lastUnrecovered) + " message(s) could not be recovered" +
                " (no request server, server not answering, or the hold buffer full): books are flagged possibly stale;" +
                " configure " + Configuration.RECOVERY_SERVER_PROP_NAME + ", raise " +
                Configuration.RECOVERY_MAX_ATTEMPTS_PROP_NAME + " or " + Configuration.RECOVERY_BUFFER_PROP_NAME);
            lastUnrecovered = unrecovered;
        }
        reportSequencing();
        reportSnapshot();
        lastOrdersFull = warnCapacity(ordersFull, lastOrdersFull, Configuration.BOOK_MAX_ORDERS_PROP_NAME);
        lastLevelsFull = warnCapacity(levelsFull, lastLevelsFull, Configuration.BOOK_MAX_LEVELS_PROP_NAME);

        for (int line = 0; line < lines; line++)
        {
            final long silent = counters.line(line).silent().get();
            if (silent != lastSilent[line])
            {
                console.println("fh: line " + (line == 0 ? "A" : "B") + (silent != 0 ?
                    " is SILENT: no packet for " + Configuration.LINE_SILENCE_MS_PROP_NAME + " or longer" :
                    " is receiving again"));
                lastSilent[line] = silent;
            }
        }

        final ThreadPlacement placement = receiver.placement();
        if (null != placement)
        {
            final long switches = placement.involuntarySwitchesSinceLastCall();
            contextSwitches.getAndAddRelease(Math.max(0, switches));
            if (switches > ctxswWarn && reports > 1)
            {
                console.println("fh: WARNING the receiver thread was preempted " + switches +
                    " times in the last interval (involuntary context switches): is CPU " + placement.cpu() +
                    " isolated? see scripts/feed-handler preflight");
            }
        }
    }

    /** "snapshot loading" while one loads, "snapshot done" in the interval one completed. */
    private void appendSnapshot(final ProgressLine line)
    {
        final boolean loading = FeedCounters.SNAPSHOT_STATE_LOADING == counters.snapshotState().get();
        final long recoveries = counters.snapshotRecoveries().get();
        if (loading)
        {
            line.text(" | snapshot loading");
        }
        else if (recoveries > lastSnapshotRecoveries)
        {
            line.text(String.format(" | snapshot done: %,d msgs, resumed at %d",
                counters.snapshotMessages().get(), counters.snapshotSequence().get()));
        }
        line.field("snapshotState", counters.snapshotState().get()).field("snapshotRecoveries", recoveries)
            .field("snapshotFailures", counters.snapshotFailures().get());
    }

    /** Each completed snapshot and each failure, said once, here off the hot path. */
    private void reportSnapshot()
    {
        if (null == snapshot)
        {
            return;
        }
        final long failures = counters.snapshotFailures().get();
        if (failures > lastSnapshotFailures)
        {
            final String rejection = snapshot.rejection();
            if (null != rejection)
            {
                console.println("fh: ERROR " + rejection + "; snapshot recovery is off for this run and the books" +
                    " stay flagged possibly stale: fix " + Configuration.SNAPSHOT_USERNAME_PROP_NAME + ", " +
                    Configuration.SNAPSHOT_PASSWORD_PROP_NAME + " or " + Configuration.SNAPSHOT_SESSION_PROP_NAME);
            }
            else
            {
                console.println("fh: ERROR snapshot attempt failed (" + failures + " so far): " + snapshot.lastFailure() +
                    "; retrying (" + Configuration.SNAPSHOT_SERVER_PROP_NAME + ")");
            }
            lastSnapshotFailures = failures;
        }
        final long recoveries = counters.snapshotRecoveries().get();
        if (recoveries > lastSnapshotRecoveries)
        {
            console.println(String.format("fh: snapshot loaded (%d so far): live feed resumed at sequence %d;" +
                " %,d snapshot messages, %,d ms in all, receiver busy %,d us", recoveries,
                counters.snapshotSequence().get(), counters.snapshotMessages().get(),
                counters.snapshotMilliseconds().get(), counters.snapshotReceiverBusyUs().get()));
            lastSnapshotRecoveries = recoveries;
        }
    }

    /**
     * What the sequencer could only count, said once an interval in which it happened (so once a
     * burst, however many packets it held), here off the hot path.
     */
    private void reportSequencing()
    {
        reportIncrease(0, counters.foreignSessionPackets(), "WARNING %d packet(s) of another MoldUDP64 session ignored:" +
            " a stray sender, or a new session not yet persistent (" + Configuration.SESSION_CONFIRM_PACKETS_PROP_NAME +
            ", " + Configuration.SESSION_CONFIRM_MS_PROP_NAME + ")");
        reportIncrease(1, counters.implausibleSequencePackets(), "WARNING %d packet(s) with an implausible sequence" +
            " number (more than " + Configuration.GAP_MAX_MESSAGES_PROP_NAME + " ahead) ignored");
        reportIncrease(2, counters.sessionChanges(), "%d new MoldUDP64 session(s) followed: books cleared");
        reportIncrease(3, counters.endOfSession(), "%d end-of-session packet(s) received");
        reportIncrease(4, counters.holdStoreOverflows(), "ERROR the hold store overflowed %d time(s): the oldest" +
            " missing messages were given up; raise " + Configuration.RECOVERY_BUFFER_PROP_NAME);
    }

    private void reportIncrease(final int index, final AtomicCounter counter, final String format)
    {
        final long value = counter.get();
        if (value > lastSequencing[index])
        {
            console.println("fh: " + String.format(format, value - lastSequencing[index]));
            lastSequencing[index] = value;
        }
    }

    private long warnCapacity(final AtomicCounter counter, final long last, final String key)
    {
        final long value = counter.get();
        if (value > last)
        {
            console.println("fh: ERROR book capacity reached, " + (value - last) + " add(s) refused and counted: raise " +
                key + " (books for the affected stocks are incomplete)");
        }
        return value;
    }

    public void onClose()
    {
        try
        {
            if (null != latencyLog)
            {
                latencyLog.close();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public String roleName()
    {
        return ROLE_NAME;
    }
}
