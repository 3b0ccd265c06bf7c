package org.feedhandler.bench;

import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What emptying the books costs at a MoldUDP64 session change, on the receiving thread: {@link OrderBooks#clear}
 * at the default capacities (8M orders, 2M levels) with {@code resting} orders spread over 8,000 stocks at up
 * to 50 prices a side, beside the bare baseline of zeroing two arrays the size of its hash tables (256 MiB
 * and 64 MiB), which is what clearing cost whatever rested before it followed the resting orders. Milliseconds
 * per clear, one clear per invocation, the books refilled before each one outside the measured time.
 * <p>
 * Run: {@code scripts/feed-handler bench BookClearBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class BookClearBenchmark
{
    private static final int MAX_ORDERS = 8 << 20;
    private static final int MAX_LEVELS = 2 << 20;
    private static final int STOCKS = 8000;

    @Param({"31000", "400000", "900000"})
    int resting;

    private OrderBooks books;
    private long[] orderTableSized;
    private long[] levelTableSized;
    private long round;

    @Setup
    public void setup()
    {
        books = new OrderBooks(new OrderBooks.Context().maxOrders(MAX_ORDERS).maxLevels(MAX_LEVELS));
        // the books' tables: two longs a slot, slots the power of two at least twice the capacity
        orderTableSized = new long[2 * 2 * MAX_ORDERS + 2];
        levelTableSized = new long[2 * 2 * MAX_LEVELS + 2];
    }

    @Setup(Level.Invocation)
    public void fill()
    {
        books.clear();
        final SplittableRandom random = new SplittableRandom(round);
        final long firstRef = round * 10_000_000L + 1;
        for (int i = 0; i < resting; i++)
        {
            final int locate = 1 + random.nextInt(STOCKS);
            final boolean buy = 0 == (i & 1);
            final long price = 1_000_000L + (buy ? -1 : 1) * (1 + random.nextInt(50)) * 100L;
            books.addOrder(locate, firstRef + i, buy ? OrderBooks.BUY : OrderBooks.SELL, 100, price, 0);
        }
        round++;
        if (books.restingOrders() != resting)
        {
            throw new IllegalStateException(books.restingOrders() + " orders rest, not " + resting);
        }
    }

    @Benchmark
    public long clear()
    {
        books.clear();
        return books.restingOrders();
    }

    /** The baseline: zero arrays the size of both hash tables, as every clear did before. */
    @Benchmark
    public long zeroTables()
    {
        Arrays.fill(orderTableSized, 0L);
        Arrays.fill(levelTableSized, 0L);
        return orderTableSized.length + levelTableSized.length;
    }
}
