package org.feedhandler.bench;

import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * One deep book, built and torn down: {@value #DEPTH} levels a tick apart on each side, one order each,
 * added best first and deleted in the same order. ns per operation (add or delete). The two grids
 * side by side: {@code CENT} ($100.00, a tick of 100 in Price(4)) and {@code SUB_PENNY} ($0.5000, a tick
 * of 1, as Nasdaq quotes below $1). The level table hashes both grids to about one slot a tick; when
 * sub-dollar prices shared home slots 64 at a time, {@code SUB_PENNY} cost far more than {@code CENT}
 * (docs/decisions/0011-sub-dollar-and-deep-book-levels.md).
 * <p>
 * Run: {@code scripts/feed-handler bench BookLevelsBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BookLevelsBenchmark
{
    public enum Grid
    {
        CENT(1_000_000, 100), SUB_PENNY(5_000, 1);

        final long mid;
        final long tick;

        Grid(final long mid, final long tick)
        {
            this.mid = mid;
            this.tick = tick;
        }
    }

    @Param({"SUB_PENNY", "CENT"})
    Grid grid;

    /** Levels a side. */
    static final int DEPTH = 2000;

    /**
     * The order the levels open in: best first (each new level the worst, found from the worst end of
     * the book's list at once), or shuffled (each new level somewhere inside the book).
     */
    public enum Opening
    {
        BEST_FIRST, SHUFFLED
    }

    @Param({"BEST_FIRST", "SHUFFLED"})
    Opening opening;

    private final int[] levelOrder = new int[DEPTH];

    private OrderBooks books;
    private long nextRef = 1;

    @Setup
    public void setup()
    {
        books = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 20).maxLevels(1 << 18));
        for (int i = 0; i < DEPTH; i++)
        {
            levelOrder[i] = i;
        }
        if (Opening.SHUFFLED == opening)
        {
            final java.util.Random random = new java.util.Random(17);
            for (int i = DEPTH - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final int t = levelOrder[i];
                levelOrder[i] = levelOrder[j];
                levelOrder[j] = t;
            }
        }
    }

    /** One op = one add or delete: an invocation is {@code 4 * DEPTH} of them. */
    @Benchmark
    @OperationsPerInvocation(4 * DEPTH)
    public void buildAndTearDown(final Blackhole bh)
    {
        final OrderBooks b = books;
        final long first = nextRef;
        long ref = first;
        for (int i = 0; i < DEPTH; i++)
        {
            final int level = levelOrder[i];
            b.addOrder(1, ref++, OrderBooks.BUY, 100, grid.mid - level * grid.tick, 0);
            b.addOrder(1, ref++, OrderBooks.SELL, 100, grid.mid + grid.tick + level * grid.tick, 0);
        }
        bh.consume(b.levelCount(1, OrderBooks.BUY));
        for (long r = first; r < ref; r++)
        {
            b.deleteOrder(r, 0);
        }
        nextRef = ref;
    }
}
