package org.feedhandler.book;

import java.util.Arrays;

import static org.feedhandler.book.OrderBooks.ALL_LOCATES;
import static org.feedhandler.book.OrderBooks.LOCATE_COUNT;
import static org.feedhandler.book.OrderBooks.NULL_PRICE;
import static org.feedhandler.book.OrderTable.NIL;
import static org.feedhandler.book.Pairs.BASE;
import static org.feedhandler.book.Pairs.pack;

/**
 * Per Stock Locate state of {@link OrderBooks}: per side the ends of its price-ordered level list, its
 * level count and the last top of book reported, and whether the book may be stale.
 * <pre>
 *  state long[6 + 8 * 65536]: per locate one 64-byte line, bid then ask
 *  +-------------------+--------+-----------+------------+-------------------+-----+-----+-----+
 *  | best : worst (B)  | levels | top price | top shares | best : worst (S)  | ... | ... | ... |
 *  +-------------------+--------+-----------+------------+-------------------+-----+-----+-----+
 * </pre>
 * An operation on a book reads and writes this one line, not four arrays. {@link LevelTable} links its
 * levels into {@link #state} directly; the owner reads it directly on its hot path.
 */
final class BookState
{
    static final int B_ENDS = 0; // best level : worst level
    static final int B_LEVELS = 1;
    static final int B_TOP_PRICE = 2;
    static final int B_TOP_SHARES = 3;
    private static final int BOOK_COUNT = LOCATE_COUNT * 2;

    /** Four longs per book (locate * 2 + side), from {@link Pairs#BASE} on for the records' alignment. */
    final long[] state = new long[BASE + LOCATE_COUNT * 8];
    private final boolean[] stale = new boolean[LOCATE_COUNT];
    private final BookListener listener;
    private int staleCount;

    BookState(final BookListener listener)
    {
        this.listener = listener;
        reset();
    }

    /** Index of a book's (locate * 2 + side) four longs in {@link #state}. */
    static int bs(final int book)
    {
        return BASE + (book << 2);
    }

    int bestLevel(final int book)
    {
        return Pairs.high(state[bs(book) + B_ENDS]);
    }

    int levelCount(final int book)
    {
        return (int)state[bs(book) + B_LEVELS];
    }

    boolean isEmpty(final int locate)
    {
        return 0 == levelCount(locate << 1) && 0 == levelCount((locate << 1) | 1);
    }

    /**
     * Record the book's top and, if it changed, report both sides' tops of the locate. Only for a listener
     * that takes the top of book ({@link #takesTopOfBook}).
     *
     * @param levels the level records, {@link LevelTable#records}.
     */
    void top(final int locate, final int sideIndex, final long[] levels, final long timestamp)
    {
        final long[] s = state;
        final int book = (locate << 1) | sideIndex;
        final int i = bs(book);
        final int level = Pairs.high(s[i + B_ENDS]);
        final long price;
        final long shares;
        if (NIL == level)
        {
            price = NULL_PRICE;
            shares = 0L;
        }
        else
        {
            final int l = LevelTable.lv(level);
            price = levels[l + LevelTable.L_KEY] & LevelTable.U32_MASK;
            shares = levels[l + LevelTable.L_TOTAL];
        }
        if (s[i + B_TOP_PRICE] != price || s[i + B_TOP_SHARES] != shares)
        {
            s[i + B_TOP_PRICE] = price;
            s[i + B_TOP_SHARES] = shares;
            final int bid = bs(locate << 1);
            final int ask = bid + 4;
            listener.onTopOfBook(
                locate, s[bid + B_TOP_PRICE], s[bid + B_TOP_SHARES], s[ask + B_TOP_PRICE], s[ask + B_TOP_SHARES], timestamp);
        }
    }

    /**
     * @param listener a listener.
     * @return whether its class overrides {@link BookListener#onTopOfBook}, itself or by inheritance: if
     * not, no one needs the top tracked.
     */
    static boolean takesTopOfBook(final BookListener listener)
    {
        try
        {
            return BookListener.class != listener.getClass().getMethod(
                "onTopOfBook", int.class, long.class, long.class, long.class, long.class, long.class).getDeclaringClass();
        }
        catch (final NoSuchMethodException ex)
        {
            throw new IllegalStateException("BookListener.onTopOfBook changed its parameters", ex);
        }
    }

    /** Every book empty; the stale flags are kept. */
    void reset()
    {
        for (int book = 0; book < BOOK_COUNT; book++)
        {
            final int i = bs(book);
            state[i + B_ENDS] = pack(NIL, NIL);
            state[i + B_LEVELS] = 0L;
            state[i + B_TOP_PRICE] = NULL_PRICE;
            state[i + B_TOP_SHARES] = 0L;
        }
    }

    void markStale(final int locate)
    {
        if (!stale[locate])
        {
            stale[locate] = true;
            staleCount++;
            listener.onStale(locate, true);
        }
    }

    void markAllStale()
    {
        if (staleCount < LOCATE_COUNT)
        {
            Arrays.fill(stale, true);
            staleCount = LOCATE_COUNT;
            listener.onStale(ALL_LOCATES, true);
        }
    }

    void clearStale(final int locate)
    {
        if (stale[locate])
        {
            stale[locate] = false;
            staleCount--;
            listener.onStale(locate, false);
        }
    }

    void clearAllStale()
    {
        if (staleCount > 0)
        {
            Arrays.fill(stale, false);
            staleCount = 0;
            listener.onStale(ALL_LOCATES, false);
        }
    }

    boolean isStale(final int locate)
    {
        return stale[locate];
    }

    int staleCount()
    {
        return staleCount;
    }
}
