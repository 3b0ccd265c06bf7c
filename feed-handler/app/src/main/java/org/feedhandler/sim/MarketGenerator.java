package org.feedhandler.sim;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.itch.Symbols;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates a deterministic, realistic ITCH 5.0 stream: a System Event 'O', a Stock Directory per
 * stock, System Event 'Q', then order flow with roughly the mix of a Nasdaq day:
 * <pre>
 *   A add 40%   D delete 36%   U replace 10%   E execute 5%   X cancel 4%
 *   F add with MPID 2%   C execute with price 1%   P trade 1%   Q/B/H/Y/I misc 1%
 * </pre>
 * The same mix comes in one of two {@link Flow}s: {@link Flow#INDEPENDENT}, where every message's
 * type, stock and target order are drawn afresh (uniformly over stocks and resting orders), and
 * {@link Flow#CLUSTERED}, which has the structure of a trading day: a few stocks carry most of the
 * traffic, most orders are cancelled soon after they are placed, and messages come in runs (a
 * participant updating a ladder of quotes on one stock, an aggressive order sweeping several
 * resting ones). See {@link Flow} for what each assumes.
 * <p>
 * Every delete, execute, cancel and replace names an order that is resting, so a book built from
 * the stream stays consistent. Stocks are priced $10-$500 and move a cent; optionally a share of them
 * trades below $1 on the $0.0001 grid. Each stock has a fixed mid price: bids rest strictly below it and asks
 * strictly above, at a depth skewed towards the top of book, so books never cross (a moving mid
 * would strand old bids above new asks, which a real book would have executed). Same seed and
 * flow, same bytes. Allocation-free after construction.
 */
public final class MarketGenerator
{
    /**
     * How the messages of the mix follow one another.
     */
    public enum Flow
    {
        /**
         * Each message drawn independently: type by the mix, stock uniformly, target order uniformly
         * among all resting orders. No real feed looks like this; it is the worst case for a branch
         * predictor (the next type can never be guessed better than the mix) and for caches (any
         * resting order, of any stock, is as likely to be touched next).
         */
        INDEPENDENT,

        /**
         * A trading day's structure, with the same message mix:
         * <ul>
         *     <li><b>Skewed activity:</b> a stock's share of the traffic falls as 1/rank (Zipf, s = 1), so the
         *     busiest 1% of stocks carry about a third to a half of the messages, as on Nasdaq where a few
         *     hundred symbols dominate the day.</li>
         *     <li><b>Short-lived orders:</b> 80% of deletes, replaces, cancels and executions name one of
         *     the few hundred most recent resting orders (geometric in age, mean 200 orders); the rest
         *     any resting order. A large share of Nasdaq limit orders is cancelled within a second or two
         *     of being placed (Hasbrouck and Saar's "fleeting orders"; the SEC's MIDAS quote-life
         *     statistics); the 80% and the mean are this model's assumptions.</li>
         *     <li><b>Runs:</b> a run is one type on one stock: adds build a ladder, a tick apart, on one
         *     side (mean run 3); deletes (mean 3), replaces (mean 2) and executions (a sweep, mean 2.5)
         *     take that stock's recent orders. Other types come one at a time. The run lengths are
         *     assumptions of this model, not measurements.</li>
         * </ul>
         */
        CLUSTERED
    }

    // per mille of runs (CLUSTERED) = per mille of messages / mean run length, renormalised
    private static final int RUN_ADD = 323;
    private static final int RUN_DELETE = RUN_ADD + 290;
    private static final int RUN_REPLACE = RUN_DELETE + 121;
    private static final int RUN_EXECUTE = RUN_REPLACE + 48;
    private static final int RUN_CANCEL = RUN_EXECUTE + 97;
    private static final int RUN_ADD_MPID = RUN_CANCEL + 48;
    private static final int RUN_EXECUTE_PRICE = RUN_ADD_MPID + 24;
    private static final int RUN_TRADE = RUN_EXECUTE_PRICE + 24;
    /** Percent chance a run continues after each message, per type: mean length 1 / (1 - p). */
    private static final int CONTINUE_ADD = 67;
    private static final int CONTINUE_DELETE = 67;
    private static final int CONTINUE_REPLACE = 50;
    private static final int CONTINUE_EXECUTE = 60;
    private static final int MAX_RUN = 32;
    /** Recent orders searched for one of the run's stock. */
    private static final int SAME_STOCK_WINDOW = 64;

    private static final int PHASE_START = 0;
    private static final int PHASE_DIRECTORY = 1;
    private static final int PHASE_MARKET_OPEN = 2;
    private static final int PHASE_FLOW = 3;

    private static final long TICK = 100; // $0.01 in Price(4)
    /** Below $1 Nasdaq quotes in $0.0001, 1 in Price(4). */
    private static final long SUB_DOLLAR_TICK = 1;
    /** Fewer resting orders than this and the next message is an add, whatever the flow. */
    private static final int MIN_LIVE_ORDERS = 16;

    private final SplittableRandom random;
    private final Flow flow;
    private final double[] stockCdf;
    private final int stocks;
    private final int maxLiveOrders;
    private final long[] symbols;
    private final long[] mid;
    private final long[] tick;

    // live orders: swap-remove arrays
    private final long[] orderRef;
    private final int[] orderLocate;
    private final byte[] orderSide;
    private final long[] orderShares;
    private final long[] orderPrice;
    private int liveOrders;

    private long nextOrderRef = 1;
    private long nextMatchNumber = 1;
    private int phase = PHASE_START;
    private int directoryIndex;
    private long generated;

    // CLUSTERED: the run in progress
    private int runKind;
    private int runLeft;
    private int runLocate;
    private byte runSide;
    private int runDepth;

    /**
     * @param seed          of the pseudo-random stream.
     * @param stocks        number of stocks, locates 1..stocks.
     * @param maxLiveOrders orders resting at once at most; near it, deletes outweigh adds.
     */
    public MarketGenerator(final long seed, final int stocks, final int maxLiveOrders)
    {
        this(seed, stocks, maxLiveOrders, Flow.INDEPENDENT);
    }

    /**
     * @param seed          of the pseudo-random stream.
     * @param stocks        number of stocks, locates 1..stocks.
     * @param maxLiveOrders orders resting at once at most; near it, deletes outweigh adds.
     * @param flow          how messages follow one another.
     */
    public MarketGenerator(final long seed, final int stocks, final int maxLiveOrders, final Flow flow)
    {
        this(seed, stocks, maxLiveOrders, flow, 0);
    }

    /**
     * @param seed              of the pseudo-random stream.
     * @param stocks            number of stocks, locates 1..stocks.
     * @param maxLiveOrders     orders resting at once at most; near it, deletes outweigh adds.
     * @param flow              how messages follow one another.
     * @param subDollarPercent  percent of the stocks, 0..100, priced below $1 ($0.05-$0.95) and quoted on
     *                          Nasdaq's sub-dollar grid, a tick of $0.0001 (1 in Price(4)) where the others
     *                          move a cent. Which stocks they are depends on the seed; with 0 the stream is
     *                          exactly the one the other constructors give.
     */
    public MarketGenerator(
        final long seed, final int stocks, final int maxLiveOrders, final Flow flow, final int subDollarPercent)
    {
        if (stocks < 1 || stocks > 65535)
        {
            throw new IllegalArgumentException("stocks must be in [1, 65535]: " + stocks);
        }
        if (subDollarPercent < 0 || subDollarPercent > 100)
        {
            throw new IllegalArgumentException("subDollarPercent must be in [0, 100]: " + subDollarPercent);
        }
        this.random = new SplittableRandom(seed);
        this.flow = flow;
        this.stocks = stocks;
        this.stockCdf = new double[stocks];
        double total = 0;
        for (int rank = 1; rank <= stocks; rank++)
        {
            total += 1.0 / rank;
            stockCdf[rank - 1] = total;
        }
        for (int i = 0; i < stocks; i++)
        {
            stockCdf[i] /= total;
        }
        this.maxLiveOrders = maxLiveOrders;
        this.symbols = new long[stocks + 1];
        this.mid = new long[stocks + 1];
        this.tick = new long[stocks + 1];
        for (int locate = 1; locate <= stocks; locate++)
        {
            symbols[locate] = Symbols.fromString(symbolFor(locate));
            mid[locate] = (10 + random.nextInt(490)) * 10_000L;
            tick[locate] = TICK;
        }
        // drawn apart from the stream's generator, so that without sub-dollar stocks the stream is unchanged
        final SplittableRandom subDollar = new SplittableRandom(seed ^ 0x5DEE_CE66_DL);
        for (int locate = 1; locate <= stocks; locate++)
        {
            if (subDollar.nextInt(100) < subDollarPercent)
            {
                mid[locate] = (5 + subDollar.nextInt(91)) * 100L;
                tick[locate] = SUB_DOLLAR_TICK;
            }
        }
        orderRef = new long[maxLiveOrders];
        orderLocate = new int[maxLiveOrders];
        orderSide = new byte[maxLiveOrders];
        orderShares = new long[maxLiveOrders];
        orderPrice = new long[maxLiveOrders];
    }

    /**
     * A deterministic symbol per locate: "S" + base-26 letters, e.g. locate 1 = "SA".
     */
    static String symbolFor(final int locate)
    {
        final StringBuilder sb = new StringBuilder("S");
        int n = locate;
        do
        {
            sb.append((char)('A' + (n % 26)));
            n /= 26;
        }
        while (n > 0);
        return sb.toString();
    }

    /**
     * Write the next message.
     *
     * @param buffer    to write into; needs 50 bytes at offset.
     * @param offset    where the message starts.
     * @param timestamp ITCH timestamp, nanoseconds since midnight.
     * @return the message length.
     */
    public int next(final MutableDirectBuffer buffer, final int offset, final long timestamp)
    {
        generated++;
        switch (phase)
        {
            case PHASE_START:
                phase = PHASE_DIRECTORY;
                directoryIndex = 1;
                return ItchEncoder.systemEvent(buffer, offset, 0, 0, timestamp, (byte)'O');

            case PHASE_DIRECTORY:
            {
                final int locate = directoryIndex++;
                if (directoryIndex > stocks)
                {
                    phase = PHASE_MARKET_OPEN;
                }
                return ItchEncoder.stockDirectory(buffer, offset, locate, 0, timestamp, symbols[locate],
                    (byte)'Q', (byte)'N', 100, (byte)'N', (byte)'C', 0x5A20, (byte)'P', (byte)'N', (byte)' ',
                    (byte)'1', (byte)'N', 0, (byte)'N');
            }

            case PHASE_MARKET_OPEN:
                phase = PHASE_FLOW;
                return ItchEncoder.systemEvent(buffer, offset, 0, 0, timestamp, (byte)'Q');

            default:
                return Flow.INDEPENDENT == flow ? flow(buffer, offset, timestamp) : clustered(buffer, offset, timestamp);
        }
    }

    private int flow(final MutableDirectBuffer buffer, final int offset, final long timestamp)
    {
        final int roll = random.nextInt(1000);
        final boolean mustAdd = liveOrders < MIN_LIVE_ORDERS;
        final boolean mustRemove = liveOrders >= maxLiveOrders - 1;

        if (mustAdd || (!mustRemove && roll < 420))
        {
            return add(buffer, offset, timestamp, roll >= 400 && roll < 420);
        }
        if (roll < 780 || mustRemove)
        {
            return delete(buffer, offset, timestamp, random.nextInt(liveOrders));
        }
        if (roll < 880)
        {
            return replace(buffer, offset, timestamp);
        }
        if (roll < 940)
        {
            return execute(buffer, offset, timestamp, roll >= 930);
        }
        if (roll < 980)
        {
            return cancel(buffer, offset, timestamp);
        }
        if (roll < 990)
        {
            return trade(buffer, offset, timestamp, 1 + random.nextInt(stocks));
        }
        return misc(buffer, offset, timestamp, roll);
    }

    private int add(final MutableDirectBuffer buffer, final int offset, final long timestamp, final boolean mpid)
    {
        final int locate = 1 + random.nextInt(stocks);
        return add(buffer, offset, timestamp, mpid, locate, randomSide(), skewedDepth());
    }

    private int add(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final boolean mpid,
        final int locate,
        final byte side,
        final int ticksFromTop)
    {
        final long depth = tick[locate] * (1 + ticksFromTop);
        final long price = side == 'B' ? Math.max(tick[locate], mid[locate] - depth) : mid[locate] + depth;
        final long shares = 100L * (1 + random.nextInt(10)) + (random.nextInt(8) == 0 ? random.nextInt(100) : 0);
        final long ref = nextOrderRef++;
        final int i = liveOrders++;
        orderRef[i] = ref;
        orderLocate[i] = locate;
        orderSide[i] = side;
        orderShares[i] = shares;
        orderPrice[i] = price;
        if (mpid)
        {
            return ItchEncoder.addOrderMpid(buffer, offset, locate, 0, timestamp, ref, side, shares, symbols[locate],
                price, 0x4E534451 /* NSDQ */);
        }
        return ItchEncoder.addOrder(buffer, offset, locate, 0, timestamp, ref, side, shares, symbols[locate], price);
    }

    /** Most orders rest near the top of book: depth in ticks, geometric-ish, capped at 50. */
    private int skewedDepth()
    {
        int d = 0;
        while (d < 50 && random.nextInt(3) != 0)
        {
            d++;
        }
        return d;
    }

    private int delete(final MutableDirectBuffer buffer, final int offset, final long timestamp, final int i)
    {
        final long ref = orderRef[i];
        final int locate = orderLocate[i];
        removeAt(i);
        return ItchEncoder.orderDelete(buffer, offset, locate, 0, timestamp, ref);
    }

    /** A trade of a hidden order ({@code P}): never touches the book. */
    private int trade(final MutableDirectBuffer buffer, final int offset, final long timestamp, final int locate)
    {
        final byte side = randomSide();
        final long shares = 100 * (1 + random.nextInt(10));
        return ItchEncoder.trade(buffer, offset, locate, 0, timestamp, 0, side, shares, symbols[locate], mid[locate],
            nextMatchNumber++);
    }

    private byte randomSide()
    {
        return random.nextBoolean() ? (byte)'B' : (byte)'S';
    }

    private int replace(final MutableDirectBuffer buffer, final int offset, final long timestamp)
    {
        return replace(buffer, offset, timestamp, random.nextInt(liveOrders));
    }

    private int replace(final MutableDirectBuffer buffer, final int offset, final long timestamp, final int i)
    {
        final long original = orderRef[i];
        final int locate = orderLocate[i];
        final long newRef = nextOrderRef++;
        final long shares = 100L * (1 + random.nextInt(10));
        final long t = tick[locate];
        final long delta = t * (random.nextInt(5) - 2);
        long price = orderPrice[i] + delta;
        if (orderSide[i] == 'B')
        {
            price = Math.max(t, Math.min(price, mid[locate] - t));
        }
        else
        {
            price = Math.max(price, mid[locate] + t);
        }
        orderRef[i] = newRef;
        orderShares[i] = shares;
        orderPrice[i] = price;
        return ItchEncoder.orderReplace(buffer, offset, locate, 0, timestamp, original, newRef, shares, price);
    }

    private int execute(final MutableDirectBuffer buffer, final int offset, final long timestamp, final boolean withPrice)
    {
        return execute(buffer, offset, timestamp, withPrice, random.nextInt(liveOrders));
    }

    private int execute(
        final MutableDirectBuffer buffer, final int offset, final long timestamp, final boolean withPrice, final int i)
    {
        final long ref = orderRef[i];
        final int locate = orderLocate[i];
        final long remaining = orderShares[i];
        final long executed = random.nextBoolean() ? remaining : Math.max(1, remaining / 2);
        final long price = orderPrice[i];
        if (executed == remaining)
        {
            removeAt(i);
        }
        else
        {
            orderShares[i] = remaining - executed;
        }
        if (withPrice)
        {
            return ItchEncoder.orderExecutedWithPrice(buffer, offset, locate, 0, timestamp, ref, executed,
                nextMatchNumber++, (byte)'Y', price);
        }
        return ItchEncoder.orderExecuted(buffer, offset, locate, 0, timestamp, ref, executed, nextMatchNumber++);
    }

    private int cancel(final MutableDirectBuffer buffer, final int offset, final long timestamp)
    {
        return cancel(buffer, offset, timestamp, random.nextInt(liveOrders));
    }

    private int cancel(final MutableDirectBuffer buffer, final int offset, final long timestamp, final int i)
    {
        final long ref = orderRef[i];
        final int locate = orderLocate[i];
        final long remaining = orderShares[i];
        final long cancelled = remaining <= 1 ? remaining : 1 + random.nextLong(remaining - 1);
        if (cancelled == remaining)
        {
            removeAt(i);
        }
        else
        {
            orderShares[i] = remaining - cancelled;
        }
        return ItchEncoder.orderCancel(buffer, offset, locate, 0, timestamp, ref, cancelled);
    }

    private int misc(final MutableDirectBuffer buffer, final int offset, final long timestamp, final int roll)
    {
        return misc(buffer, offset, timestamp, roll, 1 + random.nextInt(stocks));
    }

    private int misc(
        final MutableDirectBuffer buffer, final int offset, final long timestamp, final int roll, final int locate)
    {
        switch (roll % 5)
        {
            case 0:
                return ItchEncoder.crossTrade(buffer, offset, locate, 0, timestamp, 1000L * (1 + random.nextInt(100)),
                    symbols[locate], mid[locate], nextMatchNumber++, (byte)'O');
            case 1:
                return ItchEncoder.brokenTrade(buffer, offset, locate, 0, timestamp, Math.max(1, nextMatchNumber - 1));
            case 2:
                return ItchEncoder.stockTradingAction(buffer, offset, locate, 0, timestamp, symbols[locate], (byte)'T',
                    (byte)' ', 0x20202020);
            case 3:
                return ItchEncoder.regShoRestriction(buffer, offset, locate, 0, timestamp, symbols[locate], (byte)'0');
            default:
                return ItchEncoder.noii(buffer, offset, locate, 0, timestamp, 1000, 200, (byte)'B', symbols[locate],
                    mid[locate], mid[locate], mid[locate], (byte)'O', (byte)' ');
        }
    }

    // ---- CLUSTERED ------------------------------------------------------------------------------

    private static final int KIND_ADD = 0;
    private static final int KIND_DELETE = 1;
    private static final int KIND_REPLACE = 2;
    private static final int KIND_EXECUTE = 3;
    private static final int KIND_CANCEL = 4;
    private static final int KIND_ADD_MPID = 5;
    private static final int KIND_EXECUTE_PRICE = 6;
    private static final int KIND_TRADE = 7;
    private static final int KIND_MISC = 8;

    private int clustered(final MutableDirectBuffer buffer, final int offset, final long timestamp)
    {
        if (liveOrders < MIN_LIVE_ORDERS)
        {
            runLeft = 0;
            return add(buffer, offset, timestamp, false, zipfLocate(), randomSide(), skewedDepth());
        }
        if (liveOrders >= maxLiveOrders - 1)
        {
            runLeft = 0;
            return delete(buffer, offset, timestamp, recentOrder());
        }
        if (0 == runLeft)
        {
            startRun();
        }
        runLeft--;

        switch (runKind)
        {
            case KIND_ADD:
            case KIND_ADD_MPID:
                return add(buffer, offset, timestamp, KIND_ADD_MPID == runKind, runLocate, runSide, runDepth++);

            case KIND_DELETE:
                return delete(buffer, offset, timestamp, runOrder());

            case KIND_REPLACE:
                return replace(buffer, offset, timestamp, runOrder());

            case KIND_EXECUTE:
            case KIND_EXECUTE_PRICE:
                return execute(buffer, offset, timestamp, KIND_EXECUTE_PRICE == runKind, runOrder());

            case KIND_CANCEL:
                return cancel(buffer, offset, timestamp, runOrder());

            case KIND_TRADE:
                return trade(buffer, offset, timestamp, runLocate);

            default:
                return misc(buffer, offset, timestamp, random.nextInt(1000), runLocate);
        }
    }

    private void startRun()
    {
        final int roll = random.nextInt(1000);
        final int kind;
        final int continuePercent;
        if (roll < RUN_ADD)
        {
            kind = KIND_ADD;
            continuePercent = CONTINUE_ADD;
        }
        else if (roll < RUN_DELETE)
        {
            kind = KIND_DELETE;
            continuePercent = CONTINUE_DELETE;
        }
        else if (roll < RUN_REPLACE)
        {
            kind = KIND_REPLACE;
            continuePercent = CONTINUE_REPLACE;
        }
        else if (roll < RUN_EXECUTE)
        {
            kind = KIND_EXECUTE;
            continuePercent = CONTINUE_EXECUTE;
        }
        else
        {
            kind = roll < RUN_CANCEL ? KIND_CANCEL :
                roll < RUN_ADD_MPID ? KIND_ADD_MPID :
                roll < RUN_EXECUTE_PRICE ? KIND_EXECUTE_PRICE :
                roll < RUN_TRADE ? KIND_TRADE : KIND_MISC;
            continuePercent = 0;
        }

        int length = 1;
        while (length < MAX_RUN && random.nextInt(100) < continuePercent)
        {
            length++;
        }

        runKind = kind;
        runLeft = length;
        if (KIND_ADD == kind || KIND_ADD_MPID == kind || KIND_TRADE == kind || KIND_MISC == kind)
        {
            runLocate = zipfLocate();
            runSide = randomSide();
            runDepth = skewedDepth();
        }
        else
        {
            runLocate = orderLocate[recentOrder()];
        }
    }

    /** An order of the run's stock among the most recent, else a recent order of any stock. */
    private int runOrder()
    {
        final int end = Math.max(0, liveOrders - SAME_STOCK_WINDOW);
        for (int i = liveOrders - 1; i >= end; i--)
        {
            if (orderLocate[i] == runLocate)
            {
                return i;
            }
        }
        return recentOrder();
    }

    /** 80%: one of the latest orders, geometric in age with mean 200; 20%: any resting order. */
    private int recentOrder()
    {
        if (random.nextInt(5) == 0)
        {
            return random.nextInt(liveOrders);
        }
        final int age = (int)Math.min(liveOrders - 1, (long)(-200.0 * Math.log(1.0 - random.nextDouble())));
        return liveOrders - 1 - age;
    }

    /** A locate drawn with probability proportional to 1 / locate: locate 1 is the busiest stock. */
    private int zipfLocate()
    {
        int index = Arrays.binarySearch(stockCdf, random.nextDouble());
        if (index < 0)
        {
            index = -index - 1;
        }
        return 1 + Math.min(index, stocks - 1);
    }

    private void removeAt(final int i)
    {
        final int last = --liveOrders;
        orderRef[i] = orderRef[last];
        orderLocate[i] = orderLocate[last];
        orderSide[i] = orderSide[last];
        orderShares[i] = orderShares[last];
        orderPrice[i] = orderPrice[last];
    }

    /**
     * Feed the next {@code messages} messages to a handler, numbered from 1, timestamps 0: e.g. a
     * {@code FeedPipeline}, to build the books a receiver of this stream should end with. Off the hot
     * path: allocates one small buffer.
     *
     * @param messages how many.
     * @param handler  receives each message.
     */
    public void generate(final long messages, final MessageHandler handler)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (long sequence = 1; sequence <= messages; sequence++)
        {
            final int length = next(buffer, 0, 0);
            handler.onMessage(buffer, 0, length, sequence);
        }
    }

    /**
     * @return the highest order reference written so far (adds and replaces number their orders 1, 2, 3, ...
     * as an exchange does), 0 before the first.
     */
    public long lastOrderRef()
    {
        return nextOrderRef - 1;
    }

    public long generated()
    {
        return generated;
    }

    public int liveOrders()
    {
        return liveOrders;
    }

    public Flow flow()
    {
        return flow;
    }

    public int stocks()
    {
        return stocks;
    }

    /**
     * @param locate 1..stocks.
     * @return the stock's symbol as a long.
     */
    public long symbol(final int locate)
    {
        return symbols[locate];
    }

    /**
     * @param locate 1..stocks.
     * @return the stock's fixed mid price, Price(4): its bids rest strictly below it, its asks strictly
     * above, mostly within 50 ticks (a cent each, or $0.0001 below $1).
     */
    public long midPrice(final int locate)
    {
        return mid[locate];
    }
}
