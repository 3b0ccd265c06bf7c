package org.feedhandler.sim;

import org.feedhandler.latency.MidnightClock;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.itch.ItchMessage;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.common.ProgressLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
 * <b>Faults</b>, deterministic for a seed (see {@link #faultRoll}): {@code loss} never sends a packet (on each line
 * independently) but keeps its messages for retransmission; {@code dup} sends a packet twice;
 * {@code reorder} holds a packet back and sends it after the next one.
 * <p>
 * <b>Retransmission</b>: a {@link RetransmissionServer} on its own thread (backoff idle) answers from
 * a {@link MessageHistory} of the last messages sent. It starts with the publisher and stays up until
 * {@link #close()}, so requests after {@link #run()} returns are still answered.
 * <p>
 * <b>Heartbeats</b> (count 0, sequence = next) go out on every line whenever nothing was sent for the
 * heartbeat interval, once right after the last message (so a receiver learns of a lost tail), and
 * every interval while lingering; then, optionally, an end-of-session packet.
 * <p>
 * Use: {@code try (Publisher p = Publisher.launch(ctx)) { PublisherResult r = p.run(); }}. The send
 * loop runs on the caller's thread; {@link #stop()} ends it early from any thread.
 */
public final class Publisher implements AutoCloseable
{
    /** A MoldUDP64 message longer than a packet can carry is skipped (never the case for ITCH). */
    private static final int MAX_MESSAGE_LENGTH = 0xFFFF;

    /** {@link #faultRoll} kinds. */
    /** Orders the generated stream keeps resting at most (with the seed and stocks, it fixes the stream). */
    public static final int DEFAULT_MAX_LIVE_ORDERS = 100_000;

    public static final int FAULT_LOSS = 0;
    public static final int FAULT_DUPLICATE = 1;
    public static final int FAULT_REORDER = 2;

    private final Context ctx;
    private final MidnightClock midnightClock;
    private final NanoClock nanoClock;
    private final PacketSink sink;
    private final MessageHistory history;
    private final RetransmissionServer server;
    private final AgentRunner serverRunner;
    private final MessageSource source;
    private final MoldUdp64PacketBuilder builder;
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_MESSAGE_LENGTH));
    private final UnsafeBuffer held;
    private final IdleStrategy idle;
    private final int lineCount;
    private final long sessionHigh;
    private final int sessionLow;
    private volatile boolean running = true;

    private int heldLength;
    private long sent;
    private long packets;
    private long dropped;
    private long duplicated;
    private long reordered;
    private long heartbeats;
    private long skipped;
    private long maxLagNanos;
    private long lastSendNanos;

    /**
     * Everything the publisher needs; setters return this.
     */
    public static final class Context
    {
        private Path file;
        private long seed = 1;
        private int stocks = 100;
        private int maxLiveOrders = DEFAULT_MAX_LIVE_ORDERS;
        private int subDollarPercent;
        private String session = "SIMSESSION";
        private double rate;
        private double seconds;
        private long messages;
        private int maxPacketLength = MoldUdp64.DEFAULT_MAX_PACKET_LENGTH;
        private double loss;
        private double duplicate;
        private double reorder;
        private boolean ab;
        private PublisherChannel channel;
        private int streamId = 1001;
        private String aeronDir;
        private InetSocketAddress retransmitAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 31100);
        private int historyMessages = 1 << 20;
        private String idle = "spin";
        private boolean endOfSession;
        private double lingerSeconds;
        private long heartbeatIntervalNs = TimeUnit.SECONDS.toNanos(1);
        private long aeronConnectTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private PrintStream progress;
        private boolean progressJson;
        private MidnightClock midnightClock;
        private ErrorHandler errorHandler = Throwable::printStackTrace;

        /**
         * @param file a BinaryFILE to send, or null to send the generated stream.
         * @return this.
         */
        public Context file(final Path file)
        {
            this.file = file;
            return this;
        }

        /**
         * @param seed of the generator and of the fault injection.
         * @return this.
         */
        public Context seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        public Context stocks(final int stocks)
        {
            this.stocks = stocks;
            return this;
        }

        /**
         * @param subDollarPercent percent of the generated stream's stocks priced below $1, quoted in
         *                         $0.0001 (0..100; see {@link MarketGenerator}).
         * @return this.
         */
        public Context subDollarPercent(final int subDollarPercent)
        {
            this.subDollarPercent = subDollarPercent;
            return this;
        }

        public Context maxLiveOrders(final int maxLiveOrders)
        {
            this.maxLiveOrders = maxLiveOrders;
            return this;
        }

        /**
         * @param session up to 10 ASCII characters.
         * @return this.
         */
        public Context session(final String session)
        {
            this.session = session;
            return this;
        }

        /**
         * @param rate messages per second, open loop.
         * @return this.
         */
        public Context rate(final double rate)
        {
            this.rate = rate;
            return this;
        }

        /**
         * @param seconds stop after this long (0: no limit).
         * @return this.
         */
        public Context seconds(final double seconds)
        {
            this.seconds = seconds;
            return this;
        }

        /**
         * @param messages stop after this many (0: no limit).
         * @return this.
         */
        public Context messages(final long messages)
        {
            this.messages = messages;
            return this;
        }

        public Context maxPacketLength(final int maxPacketLength)
        {
            this.maxPacketLength = maxPacketLength;
            return this;
        }

        public Context loss(final double loss)
        {
            this.loss = loss;
            return this;
        }

        public Context duplicate(final double duplicate)
        {
            this.duplicate = duplicate;
            return this;
        }

        public Context reorder(final double reorder)
        {
            this.reorder = reorder;
            return this;
        }

        /**
         * @param ab send every packet on both lines (the channel's b= group, or Aeron stream id + 1).
         * @return this.
         */
        public Context ab(final boolean ab)
        {
            this.ab = ab;
            return this;
        }

        public Context channel(final PublisherChannel channel)
        {
            this.channel = channel;
            return this;
        }

        public Context streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        /**
         * @param aeronDir the directory of the driver to publish through (the handler's); null to
         *                 launch an embedded one.
         * @return this.
         */
        public Context aeronDir(final String aeronDir)
        {
            this.aeronDir = aeronDir;
            return this;
        }

        /**
         * @param retransmitAddress where the request server listens, or null for none.
         * @return this.
         */
        public Context retransmitAddress(final InetSocketAddress retransmitAddress)
        {
            this.retransmitAddress = retransmitAddress;
            return this;
        }

        public Context historyMessages(final int historyMessages)
        {
            this.historyMessages = historyMessages;
            return this;
        }

        /**
         * @param idle how the send loop waits for the next message's time: spin, yield or backoff.
         * @return this.
         */
        public Context idle(final String idle)
        {
            this.idle = idle;
            return this;
        }

        public Context endOfSession(final boolean endOfSession)
        {
            this.endOfSession = endOfSession;
            return this;
        }

        /**
         * @param lingerSeconds after the last message, keep heartbeating and answering requests this long.
         * @return this.
         */
        public Context lingerSeconds(final double lingerSeconds)
        {
            this.lingerSeconds = lingerSeconds;
            return this;
        }

        public Context heartbeatIntervalNs(final long heartbeatIntervalNs)
        {
            this.heartbeatIntervalNs = heartbeatIntervalNs;
            return this;
        }

        public Context aeronConnectTimeoutNs(final long aeronConnectTimeoutNs)
        {
            this.aeronConnectTimeoutNs = aeronConnectTimeoutNs;
            return this;
        }

        /**
         * @param progress where a line per second goes, or null for none.
         * @return this.
         */
        public Context progress(final PrintStream progress)
        {
            this.progress = progress;
            return this;
        }

        /**
         * @param json true for progress lines as one JSON object each (for log shippers).
         * @return this.
         */
        public Context progressJson(final boolean json)
        {
            this.progressJson = json;
            return this;
        }

        /**
         * @param midnightClock the clock that turns intended send times into ITCH timestamps; share the
         *                      receiver's in-process.
         * @return this.
         */
        public Context midnightClock(final MidnightClock midnightClock)
        {
            this.midnightClock = midnightClock;
            return this;
        }

        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        public PublisherChannel channel()
        {
            return channel;
        }

        /**
         * Validate; the message names the option at fault.
         *
         * @throws IllegalArgumentException when something is out of range or inconsistent.
         */
        public void conclude()
        {
            if (null == channel)
            {
                throw new IllegalArgumentException("--channel is required");
            }
            if (!(rate > 0) || Double.isInfinite(rate))
            {
                throw new IllegalArgumentException("--rate must be a positive number of messages per second: " + rate);
            }
            requireProbability("--loss", loss);
            requireProbability("--dup", duplicate);
            requireProbability("--reorder", reorder);
            if (seconds < 0 || messages < 0 || lingerSeconds < 0)
            {
                throw new IllegalArgumentException("--seconds, --messages and --linger must not be negative");
            }
            if (ab && !channel.isAeron() && !channel.hasLineB())
            {
                throw new IllegalArgumentException("--ab needs the B line in the channel: udp://A:PORT?b=B:PORT");
            }
            if (!ab && channel.hasLineB())
            {
                throw new IllegalArgumentException("the channel names a B line: add --ab to send on both lines");
            }
            if (maxPacketLength < MoldUdp64.HEADER_LENGTH + 2 + ItchMessage.HEADER_LENGTH ||
                maxPacketLength > 65507)
            {
                throw new IllegalArgumentException("packet length out of range [" +
                    (MoldUdp64.HEADER_LENGTH + 2 + ItchMessage.HEADER_LENGTH) + ", 65507]: " + maxPacketLength);
            }
            MoldUdp64.sessionHigh(session);
            idleStrategy(idle);
            if (null == midnightClock)
            {
                midnightClock = new MidnightClock();
            }
        }

        private static void requireProbability(final String option, final double p)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new IllegalArgumentException(option + " must be a probability in [0, 1]: " + p);
            }
        }
    }

    /**
     * @param name spin, yield or backoff.
     * @return the idle strategy.
     */
    public static IdleStrategy idleStrategy(final String name)
    {
        try
        {
            return org.feedhandler.config.IdleStrategies.of(name, "--idle");
        }
        catch (final org.feedhandler.config.ConfigurationException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    /**
     * The fault injection's dice: a pure function of the seed, the packet's first sequence number,
     * the line and the kind of fault (a SplitMix64 finaliser over their mix), so the same packet
     * meets the same fate in every run with that seed, and a test can predict it. Which messages
     * share a packet depends on timing (batching after a stall), so exact replays need a rate low
     * enough for one message per packet, or the same stalls.
     *
     * @param seed          the run's seed.
     * @param firstSequence the packet's first sequence number.
     * @param line          0 (A) or 1 (B); loss is rolled per line, the rest on line 0.
     * @param kind          {@link #FAULT_LOSS}, {@link #FAULT_DUPLICATE} or {@link #FAULT_REORDER}.
     * @return a number in [0, 1); the fault happens when it is below the fault's probability.
     */
    public static double faultRoll(final long seed, final long firstSequence, final int line, final int kind)
    {
        long z = seed * 0x9E37_79B9_7F4A_7C15L + firstSequence * 0xBF58_476D_1CE4_E5B9L +
            (line * 4L + kind + 1) * 0x94D0_49BB_1331_11EBL;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    private interface MessageSource extends AutoCloseable
    {
        /**
         * @return the next message's length, written at offset 0; -1 at the end.
         */
        int next(MutableDirectBuffer dst);

        void close();
    }

    private static final class GeneratedSource implements MessageSource
    {
        private final MarketGenerator generator;

        GeneratedSource(final MarketGenerator generator)
        {
            this.generator = generator;
        }

        public int next(final MutableDirectBuffer dst)
        {
            return generator.next(dst, 0, 0);
        }

        public void close()
        {
        }
    }

    private static final class FileSource implements MessageSource
    {
        private final BinaryFileReader reader;
        private final MessageHandler copier = this::onMessage;
        private MutableDirectBuffer dst;
        private int length;

        FileSource(final Path file)
        {
            try
            {
                reader = BinaryFileReader.open(file);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot open " + file + ": " + ex.getMessage(), ex);
            }
        }

        private void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequence)
        {
            dst.putBytes(0, buffer, offset, length);
            this.length = length;
        }

        public int next(final MutableDirectBuffer dst)
        {
            this.dst = dst;
            try
            {
                return reader.poll(copier, 1) == 1 ? length : -1;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        public void close()
        {
            CloseHelper.quietClose(reader);
        }
    }

    private Publisher(final Context ctx)
    {
        ctx.conclude();
        this.ctx = ctx;
        this.midnightClock = ctx.midnightClock;
        this.nanoClock = midnightClock.nanoClock();
        this.idle = idleStrategy(ctx.idle);
        this.sessionHigh = MoldUdp64.sessionHigh(ctx.session);
        this.sessionLow = MoldUdp64.sessionLow(ctx.session);

        PacketSink sink = null;
        MessageHistory history = null;
        RetransmissionServer server = null;
        MessageSource source = null;
        try
        {
            source = null != ctx.file ?
                new FileSource(ctx.file) : new GeneratedSource(new MarketGenerator(
                    ctx.seed, ctx.stocks, ctx.maxLiveOrders, MarketGenerator.Flow.INDEPENDENT, ctx.subDollarPercent));
            sink = ctx.channel.isAeron() ?
                new AeronPacketSink(ctx.channel, ctx.streamId, ctx.aeronDir, ctx.ab, ctx.aeronConnectTimeoutNs) :
                new UdpPacketSink(ctx.channel, ctx.ab);
            final int packetLength = Math.min(ctx.maxPacketLength, sink.maxPayloadLength());
            this.builder = new MoldUdp64PacketBuilder(new UnsafeBuffer(ByteBuffer.allocateDirect(packetLength)),
                packetLength).session(sessionHigh, sessionLow);
            this.held = new UnsafeBuffer(ByteBuffer.allocateDirect(packetLength));
            history = new MessageHistory(ctx.historyMessages);
            if (null != ctx.retransmitAddress)
            {
                server = new RetransmissionServer(ctx.retransmitAddress, history, sessionHigh, sessionLow, packetLength);
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
        this.lineCount = sink.lineCount();
        if (null != server)
        {
            serverRunner = new AgentRunner(new BackoffIdleStrategy(
                10, 10, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1)),
                ctx.errorHandler, null, server);
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
     * @param ctx what to send, where, how fast.
     * @return the publisher, ready to {@link #run()}.
     * @throws IllegalArgumentException when the context is inconsistent.
     * @throws UncheckedIOException     when the file or a socket cannot be opened.
     */
    public static Publisher launch(final Context ctx)
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
        final double periodNs = 1e9 / ctx.rate;
        final long maxMessages = ctx.messages > 0 ? ctx.messages : Long.MAX_VALUE;
        final long durationNs = ctx.seconds > 0 ? (long)(ctx.seconds * 1e9) : Long.MAX_VALUE;
        final long heartbeatIntervalNs = ctx.heartbeatIntervalNs;
        final MoldUdp64PacketBuilder builder = this.builder;
        final UnsafeBuffer scratch = this.scratch;
        final MessageHistory history = this.history;
        final IdleStrategy idle = this.idle;

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
                    pendingLength = -1;
                    sequence++;
                    index++;
                    intended = start + (long)(index * periodNs);
                }
                while (intended <= now && index < maxMessages && intended - start < durationNs);

                if (builder.messageCount() > 0)
                {
                    sent += builder.messageCount();
                    emit(builder.buffer(), builder.length());
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

            if (now >= nextProgress)
            {
                progress(now - start, index);
                nextProgress += TimeUnit.SECONDS.toNanos(1);
            }
        }

        flushHeld();
        final long end = nanoClock.nanoTime();
        heartbeat(sequence);
        linger(sequence);
        if (ctx.endOfSession)
        {
            final int length = builder.endOfSession(sequence);
            for (int line = 0; line < lineCount; line++)
            {
                sink.send(line, builder.buffer(), 0, length);
            }
        }

        final double seconds = Math.max(1e-9, (end - start) / 1e9);
        return new PublisherResult(sent, packets, dropped, duplicated, reordered, heartbeats,
            null == server ? 0 : server.requests(), null == server ? 0 : server.answeredMessages(),
            seconds, sent / seconds, maxLagNanos);
    }

    private void emit(final MutableDirectBuffer buffer, final int length)
    {
        packets++;
        if (heldLength == 0 && ctx.reorder > 0 &&
            faultRoll(ctx.seed, MoldUdp64.sequenceNumber(buffer, 0), 0, FAULT_REORDER) < ctx.reorder)
        {
            held.putBytes(0, buffer, 0, length);
            heldLength = length;
            reordered++;
            return;
        }
        sendWithFaults(buffer, length);
        flushHeld();
    }

    private void flushHeld()
    {
        if (heldLength > 0)
        {
            final int length = heldLength;
            heldLength = 0;
            sendWithFaults(held, length);
        }
    }

    private void sendWithFaults(final DirectBuffer buffer, final int length)
    {
        final long firstSequence = MoldUdp64.sequenceNumber(buffer, 0);
        final boolean twice = ctx.duplicate > 0 &&
            faultRoll(ctx.seed, firstSequence, 0, FAULT_DUPLICATE) < ctx.duplicate;
        if (twice)
        {
            duplicated++;
        }
        for (int line = 0; line < lineCount; line++)
        {
            if (ctx.loss > 0 && faultRoll(ctx.seed, firstSequence, line, FAULT_LOSS) < ctx.loss)
            {
                dropped++;
                continue;
            }
            sink.send(line, buffer, 0, length);
            if (twice)
            {
                sink.send(line, buffer, 0, length);
            }
        }
    }

    private void heartbeat(final long nextSequence)
    {
        final int length = builder.heartbeat(nextSequence);
        for (int line = 0; line < lineCount; line++)
        {
            sink.send(line, builder.buffer(), 0, length);
            heartbeats++;
        }
    }

    private void linger(final long nextSequence)
    {
        if (ctx.lingerSeconds <= 0)
        {
            return;
        }
        final long start = nanoClock.nanoTime();
        final long end = start + (long)(ctx.lingerSeconds * 1e9);
        long last = start;
        while (running)
        {
            final long now = nanoClock.nanoTime();
            if (now - end >= 0)
            {
                break;
            }
            if (now - last >= ctx.heartbeatIntervalNs)
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
        final PrintStream out = ctx.progress;
        if (null != out)
        {
            final double seconds = elapsedNs / 1e9;
            final long requests = null == server ? 0 : server.requests();
            out.println(new ProgressLine("publish", System.currentTimeMillis(), ctx.progressJson)
                .text(String.format(Locale.ROOT,
                    " %6.1f s  sent %,d (%,.0f msg/s)  packets %,d  max lag %.1f us  dropped %d dup %d " +
                    "reordered %d  retransmit requests %d",
                    seconds, index, index / seconds, packets, maxLagNanos / 1000.0, dropped, duplicated, reordered,
                    requests))
                .field("seconds", seconds).field("sent", index).field("msgsPerSec", index / seconds)
                .field("packets", packets).field("maxLagUs", maxLagNanos / 1000.0).field("dropped", dropped)
                .field("duplicated", duplicated).field("reordered", reordered).field("retransmitRequests", requests));
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
