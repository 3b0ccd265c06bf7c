package org.feedhandler.book;

/**
 * Two ints packed in a long, high : low, as the level records and the book state keep their links, and
 * the alignment the records' arrays share.
 */
final class Pairs
{
    /**
     * Records start 48 bytes into their array, just after the 16-byte array header, 64 bytes from the
     * array's start: when the array starts on a cache line (G1 allocates arrays of half a region or more
     * at a region boundary) no 32-byte record straddles two lines, and no 64-byte book state either.
     */
    static final int BASE = 6;
    static final long LOW_MASK = 0xFFFF_FFFFL;
    static final long HIGH_MASK = 0xFFFF_FFFF_0000_0000L;

    private Pairs()
    {
    }

    static long pack(final int high, final int low)
    {
        return ((long)high << 32) | (low & LOW_MASK);
    }

    static int high(final long pair)
    {
        return (int)(pair >>> 32);
    }

    static int low(final long pair)
    {
        return (int)pair;
    }

    static long withHigh(final long pair, final int high)
    {
        return ((long)high << 32) | (pair & LOW_MASK);
    }

    static long withLow(final long pair, final int low)
    {
        return (pair & HIGH_MASK) | (low & LOW_MASK);
    }
}
