package org.feedhandler.bench;

import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.pipeline.MarketDataBookListener;
import org.feedhandler.protocol.Lines;
import org.feedhandler.sim.MarketGenerator;

import java.util.Arrays;

/**
 * What an embedded {@link MarketDataListener} costs the live path, measured as {@link PairedPasses} measures
 * builds: two pipelines in one JVM, one without a listener and one with
 * {@link DecodeBookBenchmark.MarketDataChecksum} (every event taken), each with its own copy of the same
 * generated stream in MoldUDP64 packets ({@link DecodeBookBenchmark#decodeAndBuildBooksPackets}), take turns
 * a pass each, the order reversed every round, so whatever the host does during a round it does to both.
 * Prints each side's median ns per message and the median of the per-round ratios (listener / none) with
 * their quartiles.
 * <p>
 * Usage: {@code ListenerPasses [ROUNDS [WARMUP [MESSAGES [MAX_ORDERS]]]]}, defaults 40, 10, 1000000, 262144.
 */
public final class ListenerPasses
{
    private ListenerPasses()
    {
    }

    /** One side: its stream, books and pipeline. */
    private static final class Side
    {
        final ItchStream stream;
        final OrderBooks books;
        final FeedPipeline pipeline;

        Side(final int messages, final int maxOrders, final MarketDataListener listener)
        {
            stream = ItchStream.generate(7, messages, 8000, MarketGenerator.Flow.CLUSTERED);
            final OrderBooks.Context ctx = new OrderBooks.Context().maxOrders(maxOrders).maxLevels(maxOrders / 4);
            books = new OrderBooks(null == listener ? ctx : ctx.listener(MarketDataBookListener.of(listener)));
            pipeline = new FeedPipeline(new FeedPipeline.Context().books(books).listener(listener));
        }

        long pass()
        {
            stream.renumberPackets(pipeline.sequencer().nextExpected());
            books.clear();
            final long start = System.nanoTime();
            for (int i = 0; i < stream.packetCount; i++)
            {
                pipeline.onPacket(stream.packets, stream.packetOffsets[i], stream.packetLengths[i], 0, Lines.A);
            }
            return System.nanoTime() - start;
        }
    }

    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        final int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final int messages = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        final int maxOrders = args.length > 3 ? Integer.parseInt(args[3]) : 262_144;
        final DecodeBookBenchmark.MarketDataChecksum checksum = new DecodeBookBenchmark.MarketDataChecksum();
        final Side none = new Side(messages, maxOrders, null);
        final Side market = new Side(messages, maxOrders, checksum);
        final double[] noneNs = new double[rounds];
        final double[] marketNs = new double[rounds];
        final double[] ratios = new double[rounds];
        for (int round = -warmup; round < rounds; round++)
        {
            final long a;
            final long b;
            if ((round & 1) == 0)
            {
                a = none.pass();
                b = market.pass();
            }
            else
            {
                b = market.pass();
                a = none.pass();
            }
            if (round >= 0)
            {
                noneNs[round] = (double)a / messages;
                marketNs[round] = (double)b / messages;
                ratios[round] = (double)b / a;
            }
        }
        if (none.books.restingOrders() != market.books.restingOrders())
        {
            throw new IllegalStateException("the two sides built different books");
        }
        Arrays.sort(noneNs);
        Arrays.sort(marketNs);
        Arrays.sort(ratios);
        System.out.printf("ListenerPasses: %d rounds after %d warm-up, %d messages, CLUSTERED, 8000 stocks, " +
            "packets path, maxOrders %d%n", rounds, warmup, messages, maxOrders);
        System.out.printf("  no listener:      median %.1f ns/msg (p10 %.1f, p90 %.1f)%n",
            noneNs[rounds / 2], noneNs[rounds / 10], noneNs[rounds * 9 / 10]);
        System.out.printf("  market listener:  median %.1f ns/msg (p10 %.1f, p90 %.1f)%n",
            marketNs[rounds / 2], marketNs[rounds / 10], marketNs[rounds * 9 / 10]);
        System.out.printf("  ratio market/none: median %.3f (quartiles %.3f-%.3f); checksum %d%n",
            ratios[rounds / 2], ratios[rounds / 4], ratios[rounds * 3 / 4], checksum.checksum);
    }
}
