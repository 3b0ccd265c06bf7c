package org.feedhandler.bench;

import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.sim.MarketGenerator;

import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One build's side of {@link PairedPasses}: a generated stream, books and a replay pipeline, and a pass
 * of the stream through them, as {@link DecodeBookBenchmark#decodeAndBuildBooksFramed} makes one.
 * <p>
 * {@link PairedPasses} defines this class afresh in each build's class loader, so it is linked against
 * that build's {@link OrderBooks} and decoder: it may use only what every build to be compared has
 * (the constructors and {@code forReplay}, {@code decoder().onBlocks}, {@code clear} and
 * {@code restingOrders}), and it is a top-level class so that no nest host has to be found in the build.
 */
public final class PairedPass implements LongSupplier, IntSupplier
{
    private final ItchStream stream;
    private final OrderBooks books;
    private final FeedPipeline pipeline;

    /**
     * @param flow      {@code clustered} or {@code independent}.
     * @param messages  messages in the stream.
     * @param stocks    stocks in the stream.
     * @param maxOrders order capacity of the books.
     * @param maxLevels level capacity of the books.
     */
    public PairedPass(
        final String flow, final Integer messages, final Integer stocks, final Integer maxOrders, final Integer maxLevels)
    {
        stream = ItchStream.generate(7, messages, stocks, MarketGenerator.Flow.valueOf(flow.toUpperCase(Locale.ROOT)));
        books = new OrderBooks(maxOrders, maxLevels, BookListener.NO_OP);
        pipeline = new FeedPipeline(new FeedPipeline.Context().books(books));
    }

    /**
     * Empty the books and pass the whole stream through them.
     *
     * @return nanoseconds the pass took, the emptying not counted.
     */
    @Override
    public long getAsLong()
    {
        books.clear();
        final long start = System.nanoTime();
        pipeline.decoder().onBlocks(stream.framed, 0, stream.framedLength, Integer.MAX_VALUE);
        return System.nanoTime() - start;
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
