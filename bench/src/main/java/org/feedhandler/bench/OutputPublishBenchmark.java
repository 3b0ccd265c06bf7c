package org.feedhandler.bench;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.normalized.OutputPublisher;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.pipeline.MarketDataBookListener;
import org.feedhandler.protocol.Lines;
import org.feedhandler.sim.MarketGenerator;
import org.feedhandler.transport.AeronTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the normalized output costs the receiver thread, per ITCH message: the live path (MoldUDP64
 * packets through the sequencer, decoder and books, as in {@link DecodeBookBenchmark#decodeAndBuildBooksPackets})
 * with {@code output=off} (no listener: the handler as it was), {@code output=listener} (a no-op
 * {@code MarketDataListener}: what the listener wiring itself costs, the books reading each order before
 * it changes), and {@code output=aeron} (the {@link OutputPublisher}: SBE encoding and one {@code tryClaim}
 * per packet on an IPC publication of an embedded media driver, drained by a subscriber on another
 * thread that backs off when idle). Compact books (256K orders), {@code CLUSTERED} flow. One op = one
 * ITCH message. Run: {@code scripts/feed-handler bench OutputPublishBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class OutputPublishBenchmark
{
    @Param({"off", "listener", "aeron"})
    String output;

    private ItchStream stream;
    private OrderBooks books;
    private FeedPipeline pipeline;
    private AeronTransport transport;
    private OutputPublisher publisher;
    private Thread drainer;
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Setup
    public void setup()
    {
        stream = ItchStream.generate(7, DecodeBenchmark.MESSAGES, 8000, MarketGenerator.Flow.CLUSTERED);
        final MarketDataListener listener;
        switch (output)
        {
            case "off":
                listener = null;
                break;
            case "listener":
                listener = new MarketDataListener()
                {
                };
                break;
            case "aeron":
                transport = AeronTransport.launchEmbedded();
                final String channel = "aeron:ipc?term-length=64m";
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
                break;
            default:
                throw new IllegalArgumentException("output=" + output + ": off, listener or aeron");
        }
        final OrderBooks.Context booksContext = new OrderBooks.Context().maxOrders(262144).maxLevels(65536);
        if (null != listener)
        {
            booksContext.listener(MarketDataBookListener.of(listener));
        }
        books = new OrderBooks(booksContext);
        pipeline = new FeedPipeline(new FeedPipeline.Context().books(books).listener(listener));
    }

    @Setup(Level.Invocation)
    public void emptyBooks()
    {
        stream.renumberPackets(pipeline.sequencer().nextExpected());
        books.clear();
    }

    @Benchmark
    @OperationsPerInvocation(DecodeBenchmark.MESSAGES)
    public long decodeBuildAndPublish()
    {
        final ItchStream s = stream;
        final FeedPipeline p = pipeline;
        for (int i = 0; i < s.packetCount; i++)
        {
            p.onPacket(s.packets, s.packetOffsets[i], s.packetLengths[i], 0, Lines.A);
        }
        return books.restingOrders();
    }

    @TearDown
    public void tearDown() throws InterruptedException
    {
        if (null != publisher)
        {
            System.out.printf("%noutput: %,d messages in %,d events published; dropped %,d events " +
                "(back-pressured %,d, not connected %,d)%n", publisher.messages(), publisher.events(),
                publisher.droppedEvents(), publisher.backPressured(), publisher.notConnected());
            running.set(false);
            drainer.join();
            publisher.close();
            transport.close();
        }
    }
}
