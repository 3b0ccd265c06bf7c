package org.feedhandler.protocol.itch;

/**
 * Stock symbols travel as the 8 ASCII bytes of ITCH's Alpha(8) field read as one big-endian
 * {@code long}: comparing two such longs unsigned orders the symbols as text, and no String is
 * made on the hot path. These helpers convert at the edges.
 */
public final class Symbols
{
    /** Width of an ITCH stock symbol. */
    public static final int LENGTH = 8;

    /**
     * @param symbol the symbol as a long.
     * @return the text with trailing spaces removed (non-printable bytes become '?').
     */
    public static String toString(final long symbol)
    {
        final char[] chars = new char[LENGTH];
        int end = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            final int b = (int)(symbol >>> (56 - 8 * i)) & 0xFF;
            final char c = b >= 0x20 && b < 0x7F ? (char)b : '?';
            chars[i] = c;
            if (c != ' ')
            {
                end = i + 1;
            }
        }
        return new String(chars, 0, end);
    }

    /**
     * @param text up to 8 ASCII characters; padded on the right with spaces.
     * @return the symbol as a long.
     * @throws IllegalArgumentException when longer than 8 characters or not ASCII.
     */
    public static long fromString(final String text)
    {
        if (text.length() > LENGTH)
        {
            throw new IllegalArgumentException("symbol longer than 8 characters: " + text);
        }
        long value = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            final char c = i < text.length() ? text.charAt(i) : ' ';
            if (c > 0x7F)
            {
                throw new IllegalArgumentException("symbol is not ASCII: " + text);
            }
            value = (value << 8) | c;
        }
        return value;
    }

    /**
     * Four-character Alpha fields (MPID, Attribution, Reason) as text.
     *
     * @param alpha4 the field as a big-endian int.
     * @return the text, trailing spaces removed.
     */
    public static String alpha4ToString(final int alpha4)
    {
        return toString(((long)alpha4) << 32 | 0x20202020L);
    }

    private Symbols()
    {
    }
}
