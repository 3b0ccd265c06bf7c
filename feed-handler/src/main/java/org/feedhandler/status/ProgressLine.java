package org.feedhandler.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One progress line of a long-running verb ({@code run}, {@code demo}, {@code publish}), stamped in
 * ISO-8601 UTC with milliseconds, as text for people or as one JSON object per line for log shippers
 * ({@code --json-progress}). Built once a report interval off the hot path.
 */
public final class ProgressLine
{
    private static final DateTimeFormatter ISO_UTC =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder sb = new StringBuilder(256);
    private final boolean json;
    private int depth;
    private boolean first;

    /**
     * Start a line: {@code SOURCE 2026-12-03T21:15:30.123Z} or {@code {"time":"...","source":"SOURCE"}.
     *
     * @param source  names the verb, e.g. {@code fh} or {@code publish}.
     * @param epochMs the time it reports, epoch milliseconds.
     * @param json    true for a JSON object.
     */
    public ProgressLine(final String source, final long epochMs, final boolean json)
    {
        this.json = json;
        if (json)
        {
            sb.append('{');
            depth = 1;
            first = true;
            string("time", timestamp(epochMs));
            string("source", source);
        }
        else
        {
            sb.append(source).append(' ').append(timestamp(epochMs));
        }
    }

    /**
     * @param epochMs epoch milliseconds.
     * @return e.g. {@code 2026-12-03T21:15:30.123Z}.
     */
    public static String timestamp(final long epochMs)
    {
        return ISO_UTC.format(Instant.ofEpochMilli(epochMs));
    }

    public boolean isJson()
    {
        return json;
    }

    /**
     * Append to the text line only (ignored for JSON).
     *
     * @param text what the text line says.
     * @return this.
     */
    public ProgressLine text(final CharSequence text)
    {
        if (!json)
        {
            sb.append(text);
        }
        return this;
    }

    /**
     * A JSON number field (ignored for text).
     *
     * @param name  the key, a plain identifier.
     * @param value the value.
     * @return this.
     */
    public ProgressLine field(final String name, final long value)
    {
        if (json)
        {
            key(name).append(value);
        }
        return this;
    }

    /**
     * A JSON number field (ignored for text); not finite is written as null.
     *
     * @param name  the key, a plain identifier.
     * @param value the value.
     * @return this.
     */
    public ProgressLine field(final String name, final double value)
    {
        if (json)
        {
            key(name);
            if (Double.isFinite(value))
            {
                sb.append(value);
            }
            else
            {
                sb.append("null");
            }
        }
        return this;
    }

    /**
     * A JSON string field (ignored for text).
     *
     * @param name  the key, a plain identifier.
     * @param value the value, escaped as JSON needs.
     * @return this.
     */
    public ProgressLine string(final String name, final String value)
    {
        if (json)
        {
            key(name).append('"');
            for (int i = 0; i < value.length(); i++)
            {
                final char c = value.charAt(i);
                if ('"' == c || '\\' == c)
                {
                    sb.append('\\').append(c);
                }
                else if (c < 0x20)
                {
                    sb.append(String.format("\\u%04x", (int)c));
                }
                else
                {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        return this;
    }

    /**
     * Open a nested JSON object (ignored for text); close it with {@link #endObject()}.
     *
     * @param name the key.
     * @return this.
     */
    public ProgressLine object(final String name)
    {
        if (json)
        {
            key(name).append('{');
            depth++;
            first = true;
        }
        return this;
    }

    public ProgressLine endObject()
    {
        if (json)
        {
            sb.append('}');
            depth--;
            first = false;
        }
        return this;
    }

    private StringBuilder key(final String name)
    {
        if (!first)
        {
            sb.append(',');
        }
        first = false;
        return sb.append('"').append(name).append("\":");
    }

    /**
     * @return the finished line, without a line feed.
     */
    public String toString()
    {
        if (json)
        {
            final StringBuilder done = new StringBuilder(sb);
            for (int i = 0; i < depth; i++)
            {
                done.append('}');
            }
            return done.toString();
        }
        return sb.toString();
    }
}
