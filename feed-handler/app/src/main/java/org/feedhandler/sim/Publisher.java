package org.feedhandler.sim;

import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.itch.ItchMessage;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.common.ProgressLine;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The exchange simulator's sender: a BinaryFILE, or the {@link MarketGenerator}'s stream, as
 * MoldUDP64 packets at a fixed open-loop rate, with fault injection and a retransmission server.
 * <p>
 * <b>Open loop, no coordinated omission.</b> Message {@code i} (from 0) has the intended send time
 * {@code start + i / rate}, and its ITCH timestamp is overwritten with that time as nanoseconds since
 * midnight ({@link MidnightClock}). The loop sends a packet as soon as the next message is due,
 * holding every message due by now (up to the packet size): at high rates, or after a stall, packets
 * fill up naturally, and every message a stall delayed carries its intended time, so a receiver's
 * {@code now - timestamp} charges the stall to each of them.
 * <p>
 * <b>Faults</b>, deterministic for a seed, come from a {@link FaultInjector}; a lost packet's messages
 * are still kept for retransmission.
 * <p>
 * <b>Retransmission</b>: a {@link RetransmissionServer} on its own thread (backoff idle) answers from
 * a {@link MessageHistory} of the last messages sent. It starts with the publisher and stays up until
 * {@link #close()}, so requests after {@link #run()} returns are still answered.
 * <p>
 * <b>Tap</b>: an optional {@link PublisherTap} sees every message in sequence order on the send
 * thread and is polled between packets (the GLIMPSE snapshot's books follow the stream this way).
 * <p>
 * <b>Heartbeats</b> (count 0, sequence = next) go out on every line whenever nothing was sent for the
 * heartbeat interval, once right after the last message (so a receiver learns of a lost tail), and
 * every interval while lingering; then, optionally, an end-of-session packet.
 * <p>
 * Use: {@code try (Publisher p = Publisher.launch(new PublisherContext()...)) { PublisherResult r = p.run(); }}.
 * The send loop runs on the caller's thread; {@link #stop()} ends it early from any thread.
 */
public final class Publisher implements AutoCloseable
{
    /** Slowest rate, messages per second: one message in 1,000 s. */
    public static final double MIN_RATE = 0.001;
    /** Fastest rate, messages per second: far past what one sending thread reaches, so never the limit. */
    public static final double MAX_RATE = 100_000_000;
    /** A MoldUDP64 message longer than a packet can carry is skipped (never the case for ITCH). */
    private static final int MAX_MESSAGE_LENGTH = 0xFFFF;

    private final PublisherContext ctx;
    private final MidnightClock midnightClock;
    private final NanoClock nanoClock;
    private final PacketSink sink;
    private final MessageHistory history;
    private final RetransmissionServer server;
    private final AgentRunner serverRunner;
    private final MessageSource source;
    private final MoldUdp64PacketBuilder builder;
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_MESSAGE_LENGTH));
    private final FaultInjector faults;
    private final IdleStrategy idle;
    private final PublisherTap tap;
    private final long sessionHigh;
    private final int sessionLow;
    private volatile boolean running = true;

    private long sent;
    private long packets;
    private long heartbeats;
    private long skipped;
    private long maxLagNanos;
    private long lastSendNanos;

    private Publisher(final PublisherContext ctx)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        this.ctx = ctx;
        this.midnightClock = ctx.midnightClock();
        this.nanoClock = midnightClock.nanoClock();
        this.idle = PublisherContext.idleStrategy(ctx.idle());
        this.tap = ctx.tap();
        this.sessionHigh = MoldUdp64.sessionHigh(ctx.session());
        this.sessionLow = MoldUdp64.sessionLow(ctx.session());

        PacketSink sink = null;
        MessageHistory history = null;
        RetransmissionServer server = null;
        MessageSource source = null;
        try
        {
            source = MessageSource.of(ctx);
            sink = ctx.channel().isAeron() ?
                new AeronPacketSink(
                    ctx.channel(), ctx.streamId(), ctx.aeronDir(), ctx.ab(), ctx.aeronConnectTimeoutNs()) :
                new UdpPacketSink(ctx.channel(), ctx.ab());
            final int packetLength = Math.min(ctx.maxPacketLength(), sink.maxPayloadLength());
            this.builder = new MoldUdp64PacketBuilder(new UnsafeBuffer(ByteBuffer.allocateDirect(packetLength)),
                packetLength).session(sessionHigh, sessionLow);
            this.faults = new FaultInjector(ctx, sink, packetLength);
            history = new MessageHistory(ctx.historyMessages());
            if (null != ctx.retransmitAddress())
            {
                server = new RetransmissionServer(
                    ctx.retransmitAddress(), history, sessionHigh, sessionLow, packetLength);
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(source, sink, history);
            if (null != server)
            {
                server.onClose();
            }
            throw ex;
        }
        this.source = source;
        this.sink = sink;
        this.history = history;
        this.server = server;
        if (null != server)
        {
            serverRunner = new AgentRunner(new BackoffIdleStrategy(
                10, 10, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1)),
                ctx.errorHandler(), null, server);
            AgentRunner.startOnThread(serverRunner);
        }
        else
        {
            serverRunner = null;
        }
    }

    /**
     * Open the channel and start the retransmission server.
     *
     * @param ctx what to send, where, how fast; concluded here unless it already is.
     * @return the publisher, ready to {@link #run()}.
     * @throws IllegalArgumentException when the context is inconsistent.
     * @throws UncheckedIOException     when the file or a socket cannot be opened.
     */
    public static Publisher launch(final PublisherContext ctx)
    {
        return new Publisher(ctx);
    }

    /**
     * Send until the message count, the duration or the file is exhausted, or {@link #stop()}.
     * Call once.
     *
     * @return what was done.
     */
    public PublisherResult run()
    {
        final double periodNs = 1e9 / ctx.rate();
        final long maxMessages = ctx.messages() > 0 ? ctx.messages() : Long.MAX_VALUE;
        final long durationNs = ctx.seconds() > 0 ? (long)(ctx.seconds() * 1e9) : Long.MAX_VALUE;
        final long heartbeatIntervalNs = ctx.heartbeatIntervalNs();
        final MoldUdp64PacketBuilder builder = this.builder;
        final UnsafeBuffer scratch = this.scratch;
        final MessageHistory history = this.history;
        final IdleStrategy idle = this.idle;
        final PublisherTap tap = this.tap;

        final long start = nanoClock.nanoTime();
        long nextProgress = start + TimeUnit.SECONDS.toNanos(1);
        long index = 0;
        long sequence = 1;
        int pendingLength = -1;
        boolean more = true;
        lastSendNanos = start;

        while (more && running)
        {
            final long now = nanoClock.nanoTime();
            long intended = start + (long)(index * periodNs);
            if (intended - start >= durationNs || index >= maxMessages)
            {
                break;
            }
            if (intended <= now)
            {
                builder.begin(sequence);
                final long firstIntended = intended;
                do
                {
                    if (pendingLength < 0)
                    {
                        pendingLength = source.next(scratch);
                        if (pendingLength < 0)
                        {
                            more = false;
                            break;
                        }
                        if (pendingLength + MoldUdp64.HEADER_LENGTH + 2 > builder.maxPacketLength())
                        {
                            skipped++;
                            pendingLength = -1;
                            continue;
                        }
                    }
                    if (!builder.fits(pendingLength))
                    {
                        break;
                    }
                    if (pendingLength >= ItchMessage.HEADER_LENGTH)
                    {
                        ItchEncoder.putTimestamp(scratch, 0, midnightClock.sinceMidnight(intended));
                    }
                    builder.append(scratch, 0, pendingLength);
                    history.append(sequence, scratch, 0, pendingLength);
                    if (null != tap)
                    {
                        tap.onMessage(scratch, 0, pendingLength, sequence);
                    }
                    pendingLength = -1;
                    sequence++;
                    index++;
                    intended = start + (long)(index * periodNs);
                }
                while (intended <= now && index < maxMessages && intended - start < durationNs);

                if (builder.messageCount() > 0)
                {
                    sent += builder.messageCount();
                    packets++;
                    faults.emit(builder.buffer(), builder.length());
                    final long lag = nanoClock.nanoTime() - firstIntended;
                    if (lag > maxLagNanos)
                    {
                        maxLagNanos = lag;
                    }
                    lastSendNanos = now;
                }
                idle.reset();
            }
            else
            {
                if (now - lastSendNanos >= heartbeatIntervalNs)
                {
                    heartbeat(sequence);
                    lastSendNanos = now;
                }
                idle.idle();
            }

            if (null != tap)
            {
                tap.poll(sequence);
            }
            if (now >= nextProgress)
            {
                progress(now - start, index);
                nextProgress += TimeUnit.SECONDS.toNanos(1);
            }
        }

        faults.flush();
        final long end = nanoClock.nanoTime();
        if (null != tap)
        {
            tap.onSendEnd(sequence);
        }
        heartbeat(sequence);
        linger(sequence);
        if (ctx.endOfSession())
        {
            faults.sendToAllLines(builder.buffer(), builder.endOfSession(sequence));
        }

        final double seconds = Math.max(1e-9, (end - start) / 1e9);
        return new PublisherResult(sent, packets, faults.dropped(), faults.duplicated(), faults.reordered(), heartbeats,
            null == server ? 0 : server.requests(), null == server ? 0 : server.answeredMessages(),
            seconds, sent / seconds, maxLagNanos);
    }

    private void heartbeat(final long nextSequence)
    {
        heartbeats += faults.sendToAllLines(builder.buffer(), builder.heartbeat(nextSequence));
    }

    private void linger(final long nextSequence)
    {
        if (ctx.lingerSeconds() <= 0)
        {
            return;
        }
        final long start = nanoClock.nanoTime();
        final long end = start + (long)(ctx.lingerSeconds() * 1e9);
        long last = start;
        while (running)
        {
            final long now = nanoClock.nanoTime();
            if (now - end >= 0)
            {
                break;
            }
            if (now - last >= ctx.heartbeatIntervalNs())
            {
                heartbeat(nextSequence);
                last = now;
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private void progress(final long elapsedNs, final long index)
    {
        final PrintStream out = ctx.progress();
        if (null != out)
        {
            final double seconds = elapsedNs / 1e9;
            final long requests = null == server ? 0 : server.requests();
            out.println(new ProgressLine("publish", System.currentTimeMillis(), ctx.progressJson())
                .text(String.format(Locale.ROOT,
                    " %6.1f s  sent %,d (%,.0f msg/s)  packets %,d  max lag %.1f us  dropped %d dup %d " +
                    "reordered %d  retransmit requests %d",
                    seconds, index, index / seconds, packets, maxLagNanos / 1000.0,
                    faults.dropped(), faults.duplicated(), faults.reordered(), requests))
                .field("seconds", seconds).field("sent", index).field("msgsPerSec", index / seconds)
                .field("packets", packets).field("maxLagUs", maxLagNanos / 1000.0)
                .field("dropped", faults.dropped()).field("duplicated", faults.duplicated())
                .field("reordered", faults.reordered()).field("retransmitRequests", requests));
        }
    }

    /**
     * End {@link #run()} early (from any thread); it still flushes, heartbeats and returns a result.
     */
    public void stop()
    {
        running = false;
    }

    /**
     * @return the request server, or null when disabled.
     */
    public RetransmissionServer retransmissionServer()
    {
        return server;
    }

    public MessageHistory history()
    {
        return history;
    }

    public MidnightClock midnightClock()
    {
        return midnightClock;
    }

    /**
     * @return messages skipped because they could not fit any packet.
     */
    public long skipped()
    {
        return skipped;
    }

    /**
     * @return sends retried because the socket or publication was full.
     */
    public long backPressured()
    {
        return sink.backPressured();
    }

    /**
     * Stop the request server (joining its thread), close the channel, the source and the history.
     */
    public void close()
    {
        running = false;
        CloseHelper.quietClose(serverRunner);
        CloseHelper.quietCloseAll(sink, source, history);
    }
}
