package org.feedhandler.bench;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.normalized.OutputPublisher;
import org.feedhandler.normalized.SbeMarketDataWriter;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.pipeline.MarketDataBookListener;
import org.feedhandler.protocol.Lines;
import org.feedhandler.sim.MarketGenerator;
import org.feedhandler.transport.AeronTransport;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The live path (MoldUDP64 packets through the sequencer, decoder and compact books, {@code CLUSTERED} flow,
 * 8000 stocks) with one kind of normalized output, for {@link OutputPublishBenchmark} and
 * {@link OutputPasses}:
 * <ul>
 *     <li>{@code off}: no listener, the handler without output;</li>
 *     <li>{@code listener}: {@link DecodeBookBenchmark.MarketDataChecksum}, which takes every event the
 *     publisher takes (top of book included, so the books track it) and reads its arguments, so that the
 *     JIT cannot drop what the books compute for a listener: {@code listener - off} is the books' event
 *     generation;</li>
 *     <li>{@code writer}: an {@link SbeMarketDataWriter} into a 64 KiB {@code UnsafeBuffer} over an array, as
 *     the publisher's, reset after each packet, no Aeron: {@code writer - listener} is the SBE encoding. The
 *     same into other buffers, for comparison: {@code writer-offheap} an off-heap {@code UnsafeBuffer},
 *     {@code writer-array} an {@code ExpandableArrayBuffer};</li>
 *     <li>{@code aeron}: the {@link OutputPublisher} on an IPC publication of an embedded media driver,
 *     drained by a subscriber on another thread that backs off when idle: {@code aeron - writer} is the
 *     copy into the log buffer and the offer. A drainer that falls behind makes the publisher drop events
 *     before their copy, which flatters this side: {@link #droppedEvents()} counts them. The term length is
 *     the handler's default, 64 MiB; {@code aeron-16m}, {@code aeron-4m} and {@code aeron-1m} take a smaller
 *     one.</li>
 * </ul>
 * {@link OutputPasses} defines this class afresh in each side's class loader, possibly over another build:
 * it uses only what the builds compared have, and is a top-level class so that no nest host has to be found.
 */
public final class OutputPass implements LongSupplier, IntSupplier, AutoCloseable
{
    private final String output;
    private final ItchStream stream;
    private final OrderBooks books;
    private final FeedPipeline pipeline;
    private final SbeMarketDataWriter writer;
    private final OutputPublisher publisher;
    private final AeronTransport transport;
    private final Thread drainer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
    private final boolean cpuTime;

    /**
     * @param output   {@code off}, {@code listener}, {@code writer} or {@code aeron}.
     * @param messages ITCH messages in the stream.
     * @param cpuTime  time a pass by this thread's CPU time, not the wall clock.
     */
    public OutputPass(final String output, final Integer messages, final Boolean cpuTime)
    {
        this.output = output;
        this.cpuTime = cpuTime;
        stream = ItchStream.generate(7, messages, 8000, MarketGenerator.Flow.CLUSTERED);
        MarketDataListener listener = null;
        SbeMarketDataWriter writer = null;
        OutputPublisher publisher = null;
        AeronTransport transport = null;
        Thread drainer = null;
        switch (output)
        {
            case "off" ->
            {
            }
            case "listener" -> listener = new DecodeBookBenchmark.MarketDataChecksum();
            case "writer", "writer-offheap", "writer-array" ->
            {
                final int length = OutputPublisher.DEFAULT_BUFFER_LENGTH;
                writer = new SbeMarketDataWriter(new OffsetEpochNanoClock());
                writer.wrap(switch (output)
                {
                    case "writer" -> new UnsafeBuffer(new byte[length]); // as the publisher's
                    case "writer-offheap" -> new UnsafeBuffer(ByteBuffer.allocateDirect(length));
                    default -> new ExpandableArrayBuffer(length);
                }, 0, length);
                listener = writer;
            }
            case "aeron", "aeron-16m", "aeron-4m", "aeron-1m" ->
            {
                transport = AeronTransport.launchEmbedded();
                // the handler's default term length (feed.output.term.length), or a smaller one
                final String channel = "aeron:ipc?term-length=" + ("aeron".equals(output) ? "64m" : output.substring(6));
                final ExclusivePublication publication = transport.aeron().addExclusivePublication(channel, 2001);
                final Subscription subscription = transport.aeron().addSubscription(channel, 2001);
                publisher = new OutputPublisher(new OffsetEpochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH)
                    .connect(publication, null, true);
                drainer = new Thread(() ->
                {
                    final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                    while (running.get())
                    {
                        idle.idle(subscription.poll((buffer, offset, length, header) -> { }, 1_000));
                    }
                }, "bench-drainer");
                drainer.setDaemon(true);
                drainer.start();
                while (!publication.isConnected())
                {
                    Thread.onSpinWait();
                }
                listener = publisher;
            }
            default -> throw new IllegalArgumentException(
                "output " + output + ": off, listener, writer, writer-offheap, writer-array, aeron, aeron-16m, -4m or -1m");
        }
        this.writer = writer;
        this.publisher = publisher;
        this.transport = transport;
        this.drainer = drainer;
        final OrderBooks.Context booksContext = new OrderBooks.Context().maxOrders(262144).maxLevels(65536);
        if (null != listener)
        {
            booksContext.listener(MarketDataBookListener.of(listener));
        }
        books = new OrderBooks(booksContext);
        pipeline = new FeedPipeline(new FeedPipeline.Context().books(books).listener(listener));
    }

    /** Empty the books and renumber the packets for the next {@link #replay()}. */
    public void prepare()
    {
        stream.renumberPackets(pipeline.sequencer().nextExpected());
        books.clear();
    }

    /**
     * Every packet of the stream through the pipeline, the writer reset after each, as the publisher
     * resets it once it has handed an event over.
     *
     * @return orders resting at the end.
     */
    public long replay()
    {
        final ItchStream s = stream;
        final FeedPipeline p = pipeline;
        final SbeMarketDataWriter w = writer;
        for (int i = 0; i < s.packetCount; i++)
        {
            p.onPacket(s.packets, s.packetOffsets[i], s.packetLengths[i], 0, Lines.A);
            if (null != w)
            {
                w.reset();
            }
        }
        return books.restingOrders();
    }

    /**
     * {@link #prepare()} then {@link #replay()}.
     *
     * @return nanoseconds the replay took, by the wall clock or this thread's CPU time.
     */
    @Override
    public long getAsLong()
    {
        prepare();
        final long start = cpuTime ? cpuClock.getCurrentThreadCpuTime() : System.nanoTime();
        replay();
        return (cpuTime ? cpuClock.getCurrentThreadCpuTime() : System.nanoTime()) - start;
    }

    /** @return orders resting after the last pass: every side must leave the same. */
    @Override
    public int getAsInt()
    {
        return (int)books.restingOrders();
    }

    /** @return events published so far ({@code aeron} only). */
    public long events()
    {
        return null == publisher ? 0 : publisher.events();
    }

    /** @return events dropped so far ({@code aeron} only). */
    public long droppedEvents()
    {
        return null == publisher ? 0 : publisher.droppedEvents();
    }

    /** @return what was written or published, and what was dropped. */
    @Override
    public String toString()
    {
        if (null != publisher)
        {
            final long dropped = publisher.droppedEvents();
            return String.format(Locale.ROOT, "%s: %,d messages in %,d events published; dropped %,d events " +
                "(%.2f %%: back-pressured %,d, not connected %,d)", output, publisher.messages(), publisher.events(),
                dropped, 100.0 * dropped / Math.max(1, dropped + publisher.events()), publisher.backPressured(),
                publisher.notConnected());
        }
        if (null != writer)
        {
            return String.format(Locale.ROOT, "%s: %,d messages, %,d overflows", output, writer.messages(),
                writer.overflows());
        }
        return output;
    }

    @Override
    public void close() throws InterruptedException
    {
        if (null != publisher)
        {
            running.set(false);
            drainer.join();
            publisher.close();
            transport.close();
        }
    }
}
