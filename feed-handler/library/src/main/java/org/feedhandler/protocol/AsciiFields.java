package org.feedhandler.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Fixed-width ASCII fields, as SoupBinTCP and GLIMPSE carry them: numbers are decimal digits,
 * right-justified and padded on the left with spaces; alpha fields are left-justified and padded on
 * the right with spaces. Reading is tolerant (either padding, as some implementations left-justify
 * numbers too), writing follows the specification. Nothing here allocates except
 * {@link #alphaToString}.
 */
public final class AsciiFields
{
    /** Returned by {@link #parseNumber} for a field that is not a number. */
    public static final long INVALID = -1;

    private static final byte SPACE = ' ';

    private AsciiFields()
    {
    }

    /**
     * Read a numeric field: optional spaces, one or more digits, optional spaces, nothing else.
     *
     * @param buffer holding the field.
     * @param offset of its first byte.
     * @param width  of the field.
     * @return the value, or {@link #INVALID} when the field is blank, holds anything but digits and
     * spaces, has spaces between digits, or exceeds {@link Long#MAX_VALUE}.
     */
    public static long parseNumber(final DirectBuffer buffer, final int offset, final int width)
    {
        final int end = offset + width;
        int i = offset;
        while (i < end && SPACE == buffer.getByte(i))
        {
            i++;
        }
        if (i == end)
        {
            return INVALID;
        }
        long value = 0;
        for (; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            if (value > (Long.MAX_VALUE - digit) / 10)
            {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        for (; i < end; i++)
        {
            if (SPACE != buffer.getByte(i))
            {
                return INVALID;
            }
        }
        return value;
    }

    /**
     * Write a number right-justified, padded on the left with spaces.
     *
     * @param buffer to write into.
     * @param offset of the field.
     * @param width  of the field.
     * @param value  0 or more; must fit in {@code width} digits.
     * @throws IllegalArgumentException when negative or too wide.
     */
    public static void putNumber(final MutableDirectBuffer buffer, final int offset, final int width, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("negative number for a " + width + "-digit ASCII field: " + value);
        }
        long remaining = value;
        int i = offset + width - 1;
        do
        {
            if (i < offset)
            {
                throw new IllegalArgumentException(value + " does not fit a " + width + "-digit ASCII field");
            }
            buffer.putByte(i--, (byte)('0' + (int)(remaining % 10)));
            remaining /= 10;
        }
        while (remaining != 0);
        while (i >= offset)
        {
            buffer.putByte(i--, SPACE);
        }
    }

    /**
     * Write text left-justified, padded on the right with spaces.
     *
     * @param buffer to write into.
     * @param offset of the field.
     * @param width  of the field.
     * @param text   printable ASCII, at most {@code width} characters.
     * @throws IllegalArgumentException when too long or not printable ASCII.
     */
    public static void putAlpha(
        final MutableDirectBuffer buffer, final int offset, final int width, final CharSequence text)
    {
        putAlpha(buffer, offset, width, text, false);
    }

    /**
     * Write text right-justified, padded on the left with spaces (SoupBinTCP's session names).
     *
     * @param buffer to write into.
     * @param offset of the field.
     * @param width  of the field.
     * @param text   printable ASCII, at most {@code width} characters.
     * @throws IllegalArgumentException when too long or not printable ASCII.
     */
    public static void putAlphaRight(
        final MutableDirectBuffer buffer, final int offset, final int width, final CharSequence text)
    {
        putAlpha(buffer, offset, width, text, true);
    }

    /**
     * @param text  a candidate field value.
     * @param width of the field.
     * @return null when {@code text} fits the field (printable ASCII, at most {@code width}
     * characters, no leading or trailing space, which padding would lose), else what is wrong.
     */
    public static String checkAlpha(final CharSequence text, final int width)
    {
        if (text.length() > width)
        {
            return "longer than " + width + " characters";
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                return "not printable ASCII at index " + i;
            }
        }
        if (text.length() > 0 && (SPACE == text.charAt(0) || SPACE == text.charAt(text.length() - 1)))
        {
            return "starts or ends with a space";
        }
        return null;
    }

    /**
     * Check a setting destined for an alpha field.
     *
     * @param name  of the setting, for the message.
     * @param value the setting.
     * @param width of the field.
     * @throws IllegalArgumentException naming the setting when it is null or does not fit ({@link #checkAlpha}).
     */
    public static void requireAlpha(final String name, final CharSequence value, final int width)
    {
        final String problem = null == value ? "not set" : checkAlpha(value, width);
        if (null != problem)
        {
            throw new IllegalArgumentException(name + " is " + problem);
        }
    }

    /**
     * Compare an alpha field with text, ignoring the padding on either side.
     *
     * @param buffer   holding the field.
     * @param offset   of the field.
     * @param width    of the field.
     * @param expected the text.
     * @return true when the field, without its padding, equals {@code expected}.
     */
    public static boolean alphaEquals(
        final DirectBuffer buffer, final int offset, final int width, final CharSequence expected)
    {
        int start = offset;
        int end = offset + width;
        while (start < end && SPACE == buffer.getByte(start))
        {
            start++;
        }
        while (end > start && SPACE == buffer.getByte(end - 1))
        {
            end--;
        }
        if (end - start != expected.length())
        {
            return false;
        }
        for (int i = 0; i < expected.length(); i++)
        {
            if (buffer.getByte(start + i) != expected.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true when the field is all spaces.
     */
    public static boolean isBlank(final DirectBuffer buffer, final int offset, final int width)
    {
        for (int i = offset; i < offset + width; i++)
        {
            if (SPACE != buffer.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The field without its padding, non-printable bytes as '?' (allocates: for messages and logs).
     */
    public static String alphaToString(final DirectBuffer buffer, final int offset, final int width)
    {
        final StringBuilder text = new StringBuilder(width);
        for (int i = offset; i < offset + width; i++)
        {
            final int b = buffer.getByte(i) & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? (char)b : '?');
        }
        return text.toString().strip();
    }

    private static void putAlpha(
        final MutableDirectBuffer buffer,
        final int offset,
        final int width,
        final CharSequence text,
        final boolean right)
    {
        final String problem = checkAlpha(text, width);
        if (null != problem)
        {
            throw new IllegalArgumentException("ASCII field of " + width + ": \"" + text + "\" is " + problem);
        }
        final int pad = width - text.length();
        final int start = right ? offset + pad : offset;
        for (int i = 0; i < text.length(); i++)
        {
            buffer.putByte(start + i, (byte)text.charAt(i));
        }
        final int padStart = right ? offset : offset + text.length();
        for (int i = 0; i < pad; i++)
        {
            buffer.putByte(padStart + i, SPACE);
        }
    }
}
