package org.feedhandler.bench;

import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.sim.MarketGenerator;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Decode plus book building per message: the same {@value DecodeBenchmark#MESSAGES}-message
 * Nasdaq-like stream as {@link DecodeBenchmark}, in either {@link MarketGenerator.Flow}, through
 * {@link FeedPipeline#onMessage} one message a call, or framed and in one run (the replay path), into
 * {@link OrderBooks} sized like production (8M orders, 2M levels; {@code maxOrders} = 8388608) or
 * compact (256K orders, 64K levels, still far above the at most 31K orders resting in this stream), with
 * the books emptied before each pass (outside the measured time). One op = one message.
 * <p>
 * The two flows bracket the books' memory behaviour: {@code CLUSTERED}, like a trading day, touches
 * mostly recent orders of busy stocks; {@code INDEPENDENT} touches any resting order of any of the
 * {@code stocks} stocks with equal odds, so nearly every operation misses the caches.
 * The two sizes side by side show what the tables' footprint (cache and TLB misses) costs;
 * {@code -p stocks=500} shows what the cold tail of 8,000 stocks costs.
 * <p>
 * Run: {@code scripts/feed-handler bench DecodeBookBenchmark} (add {@code -prof gc} for allocation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class DecodeBookBenchmark
{
    @Param({"CLUSTERED", "INDEPENDENT"})
    MarketGenerator.Flow flow;

    @Param({"8388608", "262144"})
    int maxOrders;

    /** Stocks in the stream; the default is about as many as Nasdaq lists. */
    @Param("8000")
    int stocks;

    private ItchStream stream;
    private OrderBooks books;
    private FeedPipeline pipeline;

    @Setup
    public void setup()
    {
        stream = ItchStream.generate(7, DecodeBenchmark.MESSAGES, stocks, flow);
        books = new OrderBooks(maxOrders, maxOrders / 4, BookListener.NO_OP);
        pipeline = FeedPipeline.forReplay(books, null, 1);
    }

    @Setup(Level.Invocation)
    public void emptyBooks()
    {
        books.clear();
    }

    @Benchmark
    @OperationsPerInvocation(DecodeBenchmark.MESSAGES)
    public long decodeAndBuildBooks()
    {
        final ItchStream s = stream;
        final FeedPipeline p = pipeline;
        for (int i = 0; i < s.count; i++)
        {
            p.onMessage(s.buffer, s.offsets[i], s.lengths[i], i + 1);
        }
        return books.restingOrders();
    }

    /**
     * The replay path: the same messages BinaryFILE-framed, handed to the pipeline's decoder as one run
     * ({@link org.feedhandler.protocol.itch.ItchDecoder#onBlocks}), as {@code replay} does a mapped window
     * at a time.
     */
    @Benchmark
    @OperationsPerInvocation(DecodeBenchmark.MESSAGES)
    public long decodeAndBuildBooksFramed()
    {
        final ItchStream s = stream;
        pipeline.decoder().onBlocks(s.framed, 0, s.framedLength, Integer.MAX_VALUE);
        return books.restingOrders();
    }
}
