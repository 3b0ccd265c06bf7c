package org.feedhandler.bench;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.feedhandler.handler.ThreadPlacement;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.sbe.HeartbeatDecoder;
import org.feedhandler.sbe.MessageHeaderDecoder;

/**
 * The latency rig's subscriber to the handler's normalized output ({@code --output ipc}): a bare Aeron
 * subscription, polled without pause on its own pinned CPU (busy-spinning, or yielding when a poll found
 * nothing: {@code --subscriber-idle}), that reads the common fields of every SBE message
 * and records {@code now - exchangeTimestamp}: the time from the sender's intended send time (the ITCH
 * Timestamp the handler copies into the output) to the subscriber holding the message. An input message
 * becomes one to four output messages (its order event, the levels it changed, the top of book) with its
 * timestamp, in one event: only the first of them is recorded, so that the count and the weights match
 * the handler's wire to book, one value an input message. The clock is read once a fragment (an event,
 * or a part of a long one).
 * <p>
 * Beside the total it splits each message's time with the handler's own stamps, all on one
 * {@link MidnightClock} calibration shared with the sender and the handler:
 * <pre>
 *   wire -&gt; receive      receiveTimestamp - intended send time   (sender, kernel, the receiver's poll)
 *   receive -&gt; publish   publishTimestamp - receiveTimestamp      (sequencer, decode, books, encoding)
 *   publish -&gt; subscriber now - publishTimestamp                   (claim/offer, IPC, this poll)
 * </pre>
 * No books, no listener: what is measured is the output path, not a subscriber's work. The first
 * {@code settle} nanoseconds after start are not recorded; the thread polls until {@link #stop()}.
 */
final class OutputSubscriber implements Runnable
{
    /** The rig's histograms, added to across phases. */
    static final class Histograms
    {
        final Histogram wireToSubscriber = LatencyRig.newHistogram();
        final Histogram wireToReceive = LatencyRig.newHistogram();
        final Histogram receiveToPublish = LatencyRig.newHistogram();
        final Histogram publishToSubscriber = LatencyRig.newHistogram();
        long negatives;
        long gaps;
        long involuntarySwitches;
    }

    private static final int FRAGMENT_LIMIT = 64;

    private final MidnightClock clock;
    private final String aeronDirectory;
    private final String channel;
    private final int streamId;
    private final int cpu;
    private final IdleStrategy idle;
    private final long settleNanos;
    private final Histograms into;
    /** Added to an epoch time to give time since midnight: the receive stamp against the ITCH timestamp. */
    private final long epochToMidnight;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final HeartbeatDecoder common = new HeartbeatDecoder();
    private volatile boolean running = true;
    private long recordFrom;
    private long expectedSequence;
    private long lastSent;
    volatile Exception failure;
    volatile String placement = "not pinned";

    OutputSubscriber(
        final MidnightClock clock,
        final String aeronDirectory,
        final String channel,
        final int streamId,
        final int cpu,
        final IdleStrategy idle,
        final long settleMillis,
        final Histograms into)
    {
        this.clock = clock;
        this.aeronDirectory = aeronDirectory;
        this.channel = channel;
        this.streamId = streamId;
        this.cpu = cpu;
        this.idle = idle;
        this.settleNanos = settleMillis * 1_000_000L;
        this.into = into;
        this.epochToMidnight = clock.sinceMidnight(0) - clock.epochNanos(0);
    }

    /** Ask the polling loop to end; join the thread to wait for it. */
    void stop()
    {
        running = false;
    }

    public void run()
    {
        ThreadPlacement pinned = null;
        if (cpu >= 0)
        {
            pinned = ThreadPlacement.pin(cpu);
            placement = pinned.toString();
        }
        final long switchesBefore = null == pinned ? -1 : pinned.involuntaryContextSwitches();
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory));
            Subscription subscription = aeron.addSubscription(channel, streamId))
        {
            final FragmentHandler handler = new FragmentAssembler(this::onFragment);
            recordFrom = System.nanoTime() + settleNanos;
            final IdleStrategy idle = this.idle;
            while (running)
            {
                idle.idle(subscription.poll(handler, FRAGMENT_LIMIT));
            }
        }
        catch (final Exception ex)
        {
            failure = ex;
        }
        if (switchesBefore >= 0)
        {
            into.involuntarySwitches += pinned.involuntaryContextSwitches() - switchesBefore;
        }
    }

    private void onFragment(
        final DirectBuffer buffer, final int offset, final int length, final Header ignored)
    {
        final long now = System.nanoTime();
        final boolean record = now - recordFrom >= 0;
        final long nowSinceMidnight = clock.sinceMidnight(now);
        final long nowEpoch = clock.epochNanos(now);
        final long highest = LatencyRig.HIGHEST_TRACKABLE_NANOS;
        final int end = offset + length;
        int position = offset;
        while (position + MessageHeaderDecoder.ENCODED_LENGTH <= end)
        {
            header.wrap(buffer, position);
            final int blockLength = header.blockLength();
            final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
            if (blockLength < HeartbeatDecoder.BLOCK_LENGTH || body + blockLength > end)
            {
                break;
            }
            common.wrap(buffer, body, blockLength, header.version());
            final long sequence = common.sequence();
            if (0 != expectedSequence && sequence != expectedSequence)
            {
                into.gaps++;
            }
            expectedSequence = sequence + 1;
            final long sent = common.exchangeTimestamp();
            final boolean first = sent != lastSent;
            lastSent = sent;
            if (record && first && 0 != sent)
            {
                final long total = nowSinceMidnight - sent;
                if (total < 0)
                {
                    into.negatives++;
                }
                else
                {
                    final long receive = common.receiveTimestamp();
                    final long publish = common.publishTimestamp();
                    into.wireToSubscriber.recordValue(Math.min(total, highest));
                    into.wireToReceive.recordValue(clamp(receive + epochToMidnight - sent, highest));
                    into.receiveToPublish.recordValue(clamp(publish - receive, highest));
                    into.publishToSubscriber.recordValue(clamp(nowEpoch - publish, highest));
                }
            }
            position = body + blockLength;
        }
    }

    private static long clamp(final long value, final long highest)
    {
        return Math.max(0, Math.min(value, highest));
    }
}
