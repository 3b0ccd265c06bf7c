package org.feedhandler.handler;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.feedhandler.book.BookCounters;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.pipeline.SnapshotRecovery;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.status.BookRejectCounters;
import org.feedhandler.protocol.moldudp64.SequencerCounters;
import org.feedhandler.status.FeedCounters;
import org.feedhandler.transport.PacketSource;

/**
 * The hot path: each duty cycle reads the clock once, polls the GLIMPSE snapshot session when one is
 * loading ({@link SnapshotDriver}), the packet source(s) (A/B lines and the retransmission socket) into
 * the {@link FeedPipeline}, drives the sequencer's timers, and publishes
 * the pipeline's plain counters to the counters file ({@code setRelease}, only when changed) at most
 * every 100 us while busy and every millisecond while idle. No allocation, no locks, no logging, no exceptions for expected conditions.
 * <p>
 * {@link #onStart()} pins the thread to the configured CPU (OpenHFT affinity with an explicit CPU,
 * never a guessed one) and records where it really runs, for the reporter to check.
 */
public final class ReceiverAgent implements Agent
{
    public static final String ROLE_NAME = "fh-receiver";
    private static final int POLL_LIMIT = 64;
    private static final long PUBLISH_INTERVAL_NS = 100_000;

    private final PacketSource source;
    private final PacketSource retransmission;
    private final FeedPipeline pipeline;
    private final FeedCounters counters;
    private final SnapshotDriver snapshot;
    private final NanoClock clock;
    private final int cpu;

    private volatile ThreadPlacement placement;
    private volatile boolean started;
    private long longestDutyCycleNs;
    private long lastPublishNs;

    /**
     * @param ctx the handler's concluded context, its source, retransmission socket, pipeline and
     *            counters open; the CPU to pin to (-1 leaves the thread where the OS puts it).
     */
    ReceiverAgent(final FeedHandler.Context ctx)
    {
        this.source = ctx.packetSource;
        this.retransmission = ctx.retransmission;
        this.pipeline = ctx.pipeline;
        this.counters = ctx.counters;
        this.snapshot = ctx.snapshotDriver;
        this.clock = ctx.nanoClock();
        this.cpu = ctx.receiverCpu;
    }

    public void onStart()
    {
        if (cpu >= 0)
        {
            placement = ThreadPlacement.pin(cpu);
        }
        started = true;
    }

    public int doWork()
    {
        final long start = clock.nanoTime();
        int work = null == snapshot ? 0 : snapshot.doWork(start);
        work += source.poll(pipeline, POLL_LIMIT);
        if (null != retransmission)
        {
            work += retransmission.poll(pipeline, POLL_LIMIT);
        }
        work += pipeline.doWork(start);
        if (work > 0)
        {
            final long cycle = clock.nanoTime() - start;
            if (cycle > longestDutyCycleNs)
            {
                longestDutyCycleNs = cycle;
            }
            if (start - lastPublishNs >= PUBLISH_INTERVAL_NS)
            {
                lastPublishNs = start;
                publish();
            }
        }
        else if (start - lastPublishNs >= PUBLISH_INTERVAL_NS * 10)
        {
            lastPublishNs = start;
            publish();
        }
        return work;
    }

    /**
     * Copy the pipeline's plain counters to the shared counters file. Called on this thread only.
     */
    void publish()
    {
        final FeedPipeline p = pipeline;
        final ItchDecoder decoder = p.decoder();
        final MoldUdp64Sequencer sequencer = p.sequencer();
        final SequencerCounters sc = sequencer.counters();
        final OrderBooks books = p.books();
        final FeedCounters c = counters;
        setIfChanged(c.packets(), p.packets());
        setIfChanged(c.messages(), decoder.messages());
        setIfChanged(c.bytes(), p.bytes());
        setIfChanged(c.gaps(), sc.gaps());
        setIfChanged(c.duplicates(), sc.duplicatePackets());
        setIfChanged(c.malformed(), decoder.malformed() + sc.malformedPackets());
        setIfChanged(c.unknownTypes(), decoder.unknown());
        setIfChanged(c.longestDutyCycleNs(), longestDutyCycleNs);
        setIfChanged(c.recovered(), sc.recoveredMessages());
        setIfChanged(c.unrecovered(), sc.unrecoveredMessages());
        setIfChanged(c.retransmitRequests(), sc.requests());
        setIfChanged(c.staleBooks(), books.staleCount());
        final BookCounters rejects = books.counters();
        setIfChanged(c.capacityRejects(), rejects.ordersFull() + rejects.levelsFull());
        final BookRejectCounters published = c.bookRejects();
        setIfChanged(published.total(), rejects.total());
        setIfChanged(published.unknownOrders(), rejects.unknownOrderRefs());
        setIfChanged(published.duplicateOrders(), rejects.duplicateOrderRefs());
        setIfChanged(published.badSides(), rejects.badSides());
        setIfChanged(published.badValues(), rejects.badValues());
        setIfChanged(published.excessShares(), rejects.excessShares());
        setIfChanged(published.ordersFull(), rejects.ordersFull());
        setIfChanged(published.levelsFull(), rejects.levelsFull());
        setIfChanged(c.foreignSessionPackets(), sc.foreignSessionPackets());
        setIfChanged(c.implausibleSequencePackets(), sc.implausibleSequencePackets());
        setIfChanged(c.sessionChanges(), sc.sessionChanges());
        setIfChanged(c.endOfSession(), sc.endOfSessions());
        setIfChanged(c.heartbeats(), sc.heartbeats());
        setIfChanged(c.holdStoreOverflows(), sc.storeOverflows());
        if (null != snapshot)
        {
            publishSnapshot(snapshot, c);
        }
        for (int line = 0; line < sequencer.lines(); line++)
        {
            final FeedCounters.LineCounters lc = c.line(line);
            setIfChanged(lc.packets(), sc.linePackets(line));
            setIfChanged(lc.firstArrivals(), sc.lineFirstArrivals(line));
            setIfChanged(lc.duplicates(), sc.lineDuplicates(line));
            setIfChanged(lc.silent(), sequencer.lineSilent(line) ? 1 : 0);
        }
    }

    private static void publishSnapshot(final SnapshotDriver driver, final FeedCounters c)
    {
        final SnapshotRecovery r = driver.recovery();
        setIfChanged(c.snapshotRecoveries(), r.recoveries());
        setIfChanged(c.snapshotMessages(), r.messages());
        setIfChanged(c.snapshotMilliseconds(), r.nanos() / 1_000_000);
        setIfChanged(c.snapshotFailures(), r.failures());
        setIfChanged(c.snapshotBufferedPackets(), r.bufferedPackets());
        setIfChanged(c.snapshotBufferOverflows(), r.overflows());
        setIfChanged(c.snapshotSequence(), r.sequence());
        setIfChanged(c.snapshotState(), r.isLoading() ? FeedCounters.SNAPSHOT_STATE_LOADING : FeedCounters.SNAPSHOT_STATE_IDLE);
        setIfChanged(c.snapshotReceiverBusyUs(), driver.busyNs() / 1000);
    }

    private static void setIfChanged(final AtomicCounter counter, final long value)
    {
        if (counter.getPlain() != value)
        {
            counter.setRelease(value);
        }
    }

    public void onClose()
    {
        publish();
    }

    public String roleName()
    {
        return ROLE_NAME;
    }

    /**
     * @return where the thread was pinned and verified to run, or null when not pinned (yet).
     */
    public ThreadPlacement placement()
    {
        return placement;
    }

    public boolean isStarted()
    {
        return started;
    }

    public long longestDutyCycleNs()
    {
        return longestDutyCycleNs;
    }
}
