package org.feedhandler.bench;

import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.sim.MarketGenerator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One build's side of {@link PairedPasses}: a generated stream, books and a replay pipeline, and a pass
 * of the stream through them, as {@link DecodeBookBenchmark#decodeAndBuildBooksFramed} makes one.
 * <p>
 * {@link PairedPasses} defines this class afresh in each build's class loader, so it is linked against
 * that build's {@link OrderBooks} and decoder: it may use only what every build to be compared has
 * ({@code decoder().onBlocks}, {@code clear} and {@code restingOrders}), and it is a top-level class so
 * that no nest host has to be found in the build. The books and the pipeline are built by reflection,
 * through their {@code Context} where the build has one and through the constructor or factory of the
 * builds from before the contexts where not, so that builds from before and after compare.
 */
public final class PairedPass implements LongSupplier, IntSupplier, DoubleSupplier
{
    private final ItchStream stream;
    private final OrderBooks books;
    private final FeedPipeline pipeline;
    /** Whose thread CPU time a pass is timed by, beside the wall clock. */
    private final ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
    private final boolean cpuTime;
    /** Nanoseconds the last pass took by the clock {@link #getAsLong} does not answer by. */
    private long otherClockNanos;

    /**
     * @param flow      {@code clustered} or {@code independent}.
     * @param messages  messages in the stream.
     * @param stocks    stocks in the stream.
     * @param maxOrders order capacity of the books.
     * @param maxLevels level capacity of the books.
     * @param cpuTime   time a pass by this thread's CPU time, not the wall clock.
     */
    public PairedPass(
        final String flow, final Integer messages, final Integer stocks, final Integer maxOrders, final Integer maxLevels,
        final Boolean cpuTime)
    {
        this.cpuTime = cpuTime;
        stream = ItchStream.generate(7, messages, stocks, MarketGenerator.Flow.valueOf(flow.toUpperCase(Locale.ROOT)));
        books = newBooks(maxOrders, maxLevels);
        pipeline = newPipeline(books);
    }

    private static OrderBooks newBooks(final int maxOrders, final int maxLevels)
    {
        try
        {
            final Class<?> context = contextOf(OrderBooks.class);
            if (null == context)
            {
                return OrderBooks.class.getConstructor(int.class, int.class, BookListener.class)
                    .newInstance(maxOrders, maxLevels, BookListener.NO_OP);
            }
            final Object ctx = context.getConstructor().newInstance();
            context.getMethod("maxOrders", int.class).invoke(ctx, maxOrders);
            context.getMethod("maxLevels", int.class).invoke(ctx, maxLevels);
            return OrderBooks.class.getConstructor(context).newInstance(ctx);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("this build's OrderBooks cannot be built: " + ex, ex);
        }
    }

    private static FeedPipeline newPipeline(final OrderBooks books)
    {
        try
        {
            final Class<?> context = contextOf(FeedPipeline.class);
            if (null == context)
            {
                final Class<?> events = Class.forName(
                    "org.feedhandler.protocol.moldudp64.SequencerListener", true, FeedPipeline.class.getClassLoader());
                return (FeedPipeline)FeedPipeline.class.getMethod("forReplay", OrderBooks.class, events, long.class)
                    .invoke(null, books, null, 1L);
            }
            final Object ctx = context.getConstructor().newInstance();
            context.getMethod("books", OrderBooks.class).invoke(ctx, books);
            return FeedPipeline.class.getConstructor(context).newInstance(ctx);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("this build's FeedPipeline cannot be built: " + ex, ex);
        }
    }

    private static Class<?> contextOf(final Class<?> type)
    {
        try
        {
            return Class.forName(type.getName() + "$Context", true, type.getClassLoader());
        }
        catch (final ClassNotFoundException ex)
        {
            return null;
        }
    }

    /**
     * Empty the books and pass the whole stream through them.
     *
     * @return nanoseconds the pass took (wall clock, or this thread's CPU time), the emptying not counted.
     */
    @Override
    public long getAsLong()
    {
        books.clear();
        final long cpuStart = cpuClock.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        pipeline.decoder().onBlocks(stream.framed, 0, stream.framedLength, Integer.MAX_VALUE);
        final long wall = System.nanoTime() - start;
        final long cpu = cpuClock.getCurrentThreadCpuTime() - cpuStart;
        otherClockNanos = cpuTime ? wall : cpu;
        return cpuTime ? cpu : wall;
    }

    /**
     * @return nanoseconds the last pass took by the other clock: CPU time if {@link #getAsLong} gives
     * the wall clock's, and the wall clock's if it gives CPU time.
     */
    @Override
    public double getAsDouble()
    {
        return otherClockNanos;
    }

    /**
     * @return orders resting after the last pass: every build must leave the same.
     */
    @Override
    public int getAsInt()
    {
        return (int)books.restingOrders();
    }
}
