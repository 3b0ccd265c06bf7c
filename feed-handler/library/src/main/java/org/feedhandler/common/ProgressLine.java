package org.feedhandler.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;

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
    private final Json.ObjectValue root = Json.object();
    private final Deque<Json.ObjectValue> open = new ArrayDeque<>();

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
        open.push(root);
        if (json)
        {
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
            open.peek().put(name, value);
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
            if (Double.isFinite(value))
            {
                open.peek().put(name, value);
            }
            else
            {
                open.peek().putNull(name);
            }
        }
        return this;
    }

    /**
     * A JSON string field (ignored for text).
     *
     * @param name  the key, a plain identifier.
     * @param value the value.
     * @return this.
     */
    public ProgressLine string(final String name, final String value)
    {
        if (json)
        {
            open.peek().put(name, value);
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
            final Json.ObjectValue child = Json.object();
            open.peek().put(name, child);
            open.push(child);
        }
        return this;
    }

    public ProgressLine endObject()
    {
        if (json)
        {
            open.pop();
        }
        return this;
    }

    /**
     * @return the finished line, without a line feed.
     */
    public String toString()
    {
        if (json)
        {
            return root.toJson(false);
        }
        return sb.toString();
    }
}
