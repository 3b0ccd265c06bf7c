package org.feedhandler.sim;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketGeneratorTest
{
    private static final int MESSAGES = 500_000;
    private static final int STOCKS = 1_000;

    @ParameterizedTest
    @EnumSource(MarketGenerator.Flow.class)
    void shouldKeepTheNasdaqLikeMessageMixInEitherFlow(final MarketGenerator.Flow flow)
    {
        final Stream s = generate(flow, 3);
        assertShare(s, 'A', 0.40, 0.03);
        assertShare(s, 'D', 0.36, 0.03);
        assertShare(s, 'U', 0.10, 0.02);
        assertShare(s, 'E', 0.05, 0.015);
        assertShare(s, 'X', 0.04, 0.015);
        assertShare(s, 'F', 0.02, 0.01);
    }

    @ParameterizedTest
    @EnumSource(MarketGenerator.Flow.class)
    void shouldNameOnlyRestingOrdersSoBooksBuildWithoutRejects(final MarketGenerator.Flow flow)
    {
        final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 18).maxLevels(1 << 17));
        new MarketGenerator(5, STOCKS, 100_000, flow).generate(MESSAGES, new FeedPipeline(new FeedPipeline.Context().books(books)));
        assertEquals(0, books.counters().unknownOrderRefs(), "unknown references");
        assertEquals(0, books.counters().duplicateOrderRefs(), "duplicate references");
        assertEquals(0, books.counters().excessShares(), "executions beyond the order's shares");
        assertTrue(books.restingOrders() > 1_000, "orders rest: " + books.restingOrders());
    }

    @Test
    void shouldGiveTheClusteredFlowSkewedStocksAndRunsOfOneTypeUnlikeTheIndependentOne()
    {
        final Stream clustered = generate(MarketGenerator.Flow.CLUSTERED, 3);
        final Stream independent = generate(MarketGenerator.Flow.INDEPENDENT, 3);

        final double clusteredTop = busiestStocksShare(clustered, STOCKS / 100);
        final double independentTop = busiestStocksShare(independent, STOCKS / 100);
        assertTrue(clusteredTop > 0.25, "busiest 1% of stocks carry " + clusteredTop);
        assertTrue(independentTop < 0.03, "uniform stocks: busiest 1% carry " + independentTop);

        final double clusteredRepeat = sameTypeAsPrevious(clustered);
        final double independentRepeat = sameTypeAsPrevious(independent);
        System.out.printf("busiest 1%% of stocks: clustered %.3f, independent %.3f; same type as previous: " +
            "clustered %.3f, independent %.3f%n", clusteredTop, independentTop, clusteredRepeat, independentRepeat);
        // independent draws repeat with probability sum(p^2) of the mix, about 0.30
        assertTrue(independentRepeat < 0.33, "independent repeats " + independentRepeat);
        assertTrue(clusteredRepeat > 0.50, "clustered repeats " + clusteredRepeat);
    }

    @ParameterizedTest
    @EnumSource(MarketGenerator.Flow.class)
    void shouldQuoteSubDollarStocksInTenThousandthsAndTheRestInCentsWithBooksThatNeverCross(
        final MarketGenerator.Flow flow)
    {
        final int stocks = 200;
        final MarketGenerator generator = new MarketGenerator(5, stocks, 100_000, flow, 25);
        int subDollarStocks = 0;
        for (int locate = 1; locate <= stocks; locate++)
        {
            subDollarStocks += generator.midPrice(locate) < 10_000 ? 1 : 0;
        }
        assertTrue(subDollarStocks >= 30 && subDollarStocks <= 70, subDollarStocks + " of 200 stocks below $1");

        final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 18).maxLevels(1 << 17));
        final FeedPipeline pipeline = new FeedPipeline(new FeedPipeline.Context().books(books));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        long offCentPrices = 0;
        long subDollarPrices = 0;
        for (int i = 0; i < 300_000; i++)
        {
            final int length = generator.next(buffer, 0, 1_000L * i);
            final byte type = buffer.getByte(0);
            final int priceAt = 'A' == type || 'F' == type ? 32 : 'U' == type ? 31 : -1;
            if (priceAt > 0)
            {
                final int locate = buffer.getShort(1, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                final long price = buffer.getInt(priceAt, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
                if (generator.midPrice(locate) < 10_000)
                {
                    subDollarPrices++;
                    offCentPrices += 0 != price % 100 ? 1 : 0;
                }
                else
                {
                    assertEquals(0, price % 100, "a cent stock quoted off the cent grid: " + price);
                }
            }
            pipeline.onMessage(buffer, 0, length, i + 1);
        }
        assertTrue(offCentPrices > subDollarPrices * 9 / 10,
            offCentPrices + " of " + subDollarPrices + " sub-dollar prices off the cent grid");
        assertEquals(0, books.counters().unknownOrderRefs() + books.counters().duplicateOrderRefs() + books.counters().excessShares());
        for (int locate = 1; locate <= stocks; locate++)
        {
            final long bid = books.bestBidPrice(locate);
            final long ask = books.bestAskPrice(locate);
            assertTrue(OrderBooks.NULL_PRICE == bid || OrderBooks.NULL_PRICE == ask || bid < ask,
                "locate " + locate + " crossed: " + bid + " / " + ask);
        }
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeedAndFlow()
    {
        assertArrayEquals(generate(MarketGenerator.Flow.CLUSTERED, 9).bytes, generate(MarketGenerator.Flow.CLUSTERED, 9).bytes);
        assertTrue(!Arrays.equals(
            generate(MarketGenerator.Flow.CLUSTERED, 9).bytes, generate(MarketGenerator.Flow.INDEPENDENT, 9).bytes));
    }

    private static void assertShare(final Stream s, final char type, final double expected, final double tolerance)
    {
        final double share = (double)s.typeCounts[type] / s.count;
        assertTrue(Math.abs(share - expected) <= tolerance,
            "type " + type + " share " + share + " expected " + expected + " +- " + tolerance);
    }

    private static double busiestStocksShare(final Stream s, final int top)
    {
        final long[] perStock = s.stockCounts.clone();
        Arrays.sort(perStock);
        long sum = 0;
        long busiest = 0;
        for (int i = 0; i < perStock.length; i++)
        {
            sum += perStock[i];
            if (i >= perStock.length - top)
            {
                busiest += perStock[i];
            }
        }
        return (double)busiest / sum;
    }

    private static double sameTypeAsPrevious(final Stream s)
    {
        int same = 0;
        for (int i = 1; i < s.count; i++)
        {
            same += s.types[i] == s.types[i - 1] ? 1 : 0;
        }
        return (double)same / (s.count - 1);
    }

    private static Stream generate(final MarketGenerator.Flow flow, final long seed)
    {
        final MarketGenerator generator = new MarketGenerator(seed, STOCKS, 100_000, flow);
        final byte[] bytes = new byte[MESSAGES * 50];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final Stream s = new Stream();
        s.bytes = bytes;
        s.types = new byte[MESSAGES];
        int position = 0;
        for (int i = 0; i < MESSAGES; i++)
        {
            final int length = generator.next(buffer, position, 1_000L * i);
            final byte type = buffer.getByte(position);
            final int locate = buffer.getShort(position + 1, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (i > STOCKS + 2) // order flow only, after the directory
            {
                s.types[s.count++] = type;
                s.typeCounts[type]++;
                if (locate >= 1 && locate <= STOCKS && type != 'S')
                {
                    s.stockCounts[locate - 1]++;
                }
            }
            position += length;
        }
        return s;
    }

    private static final class Stream
    {
        byte[] bytes;
        byte[] types;
        int count;
        final long[] typeCounts = new long[128];
        final long[] stockCounts = new long[STOCKS];
    }
}
