package org.feedhandler.status;

/**
 * Just enough JSON writing for one-object reports: strings quoted and escaped per RFC 8259.
 */
public final class JsonText
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText()
    {
    }

    /**
     * Append a JSON string: quotes, backslashes and control characters escaped; other characters,
     * non-ASCII included, as they are.
     *
     * @param out   to append to.
     * @param value the text; null is written as {@code null}.
     * @return out.
     */
    public static StringBuilder quote(final StringBuilder out, final CharSequence value)
    {
        if (null == value)
        {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0, n = value.length(); i < n; i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case 0x2028:
                case 0x2029:
                    out.append(0x2028 == c ? "\\u2028" : "\\u2029"); // valid JSON, but not in JavaScript strings
                    break;
                default:
                    if (c < 0x20)
                    {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }
}
