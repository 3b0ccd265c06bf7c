package org.feedhandler.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON writer for machine-readable output (no JSON library in the main scope): build a tree
 * of objects and arrays, then render it compact or pretty. Object keys keep insertion order; a key
 * put twice appears twice (callers do not). Off the hot path.
 * <pre>{@code
 * Json.object()
 *     .put("verdict", "ready")
 *     .put("exitCode", 0)
 *     .put("checks", Json.array().add(Json.object().put("id", "cpu.isolated").putNull("cpu")))
 *     .toPrettyString();
 * }</pre>
 * Strings are escaped per RFC 8259: {@code "} and {@code \}, control characters (as {@code \n} etc.
 * or {@code \}{@code u00XX}), plus U+2028, U+2029 and unpaired surrogates as {@code \}{@code uXXXX}, so
 * the output is valid UTF-8 and valid JavaScript. Non-finite doubles are written as {@code null}.
 */
public final class Json
{
    private static final String INDENT = "  ";

    private Json()
    {
    }

    /**
     * A JSON value that can render itself.
     */
    public abstract static class Value
    {
        abstract void write(StringBuilder out, boolean pretty, int depth);

        /**
         * @return compact JSON.
         */
        public String toString()
        {
            final StringBuilder out = new StringBuilder();
            write(out, false, 0);
            return out.toString();
        }

        /**
         * @return JSON indented by two spaces, one member per line.
         */
        public String toPrettyString()
        {
            final StringBuilder out = new StringBuilder();
            write(out, true, 0);
            return out.toString();
        }

        /**
         * @param pretty true for indented output.
         * @return the JSON text.
         */
        public String toJson(final boolean pretty)
        {
            return pretty ? toPrettyString() : toString();
        }
    }

    /**
     * @return an empty object to put members in.
     */
    public static ObjectValue object()
    {
        return new ObjectValue();
    }

    /**
     * @return an empty array to add elements to.
     */
    public static ArrayValue array()
    {
        return new ArrayValue();
    }

    /**
     * @param value text, or null.
     * @return a JSON string value ({@code null} for null).
     */
    public static Value of(final String value)
    {
        return null == value ? NULL : new Literal(quote(value));
    }

    public static Value of(final long value)
    {
        return new Literal(Long.toString(value));
    }

    public static Value of(final double value)
    {
        return Double.isFinite(value) ? new Literal(Double.toString(value)) : NULL;
    }

    public static Value of(final boolean value)
    {
        return value ? TRUE : FALSE;
    }

    /** The {@code null} literal. */
    public static final Value NULL = new Literal("null");
    private static final Value TRUE = new Literal("true");
    private static final Value FALSE = new Literal("false");

    /**
     * An object: members in insertion order.
     */
    public static final class ObjectValue extends Value
    {
        private final List<String> keys = new ArrayList<>();
        private final List<Value> values = new ArrayList<>();

        public ObjectValue put(final String key, final Value value)
        {
            keys.add(key);
            values.add(null == value ? NULL : value);
            return this;
        }

        public ObjectValue put(final String key, final String value)
        {
            return put(key, of(value));
        }

        public ObjectValue put(final String key, final long value)
        {
            return put(key, of(value));
        }

        public ObjectValue put(final String key, final double value)
        {
            return put(key, of(value));
        }

        public ObjectValue put(final String key, final boolean value)
        {
            return put(key, of(value));
        }

        public ObjectValue putNull(final String key)
        {
            return put(key, NULL);
        }

        public int size()
        {
            return keys.size();
        }

        void write(final StringBuilder out, final boolean pretty, final int depth)
        {
            if (keys.isEmpty())
            {
                out.append("{}");
                return;
            }
            out.append('{');
            for (int i = 0; i < keys.size(); i++)
            {
                if (i > 0)
                {
                    out.append(',');
                }
                newline(out, pretty, depth + 1);
                out.append(quote(keys.get(i))).append(pretty ? ": " : ":");
                values.get(i).write(out, pretty, depth + 1);
            }
            newline(out, pretty, depth);
            out.append('}');
        }
    }

    /**
     * An array.
     */
    public static final class ArrayValue extends Value
    {
        private final List<Value> values = new ArrayList<>();

        public ArrayValue add(final Value value)
        {
            values.add(null == value ? NULL : value);
            return this;
        }

        public ArrayValue add(final String value)
        {
            return add(of(value));
        }

        public ArrayValue add(final long value)
        {
            return add(of(value));
        }

        public ArrayValue add(final double value)
        {
            return add(of(value));
        }

        public ArrayValue add(final boolean value)
        {
            return add(of(value));
        }

        public ArrayValue addNull()
        {
            return add(NULL);
        }

        public int size()
        {
            return values.size();
        }

        void write(final StringBuilder out, final boolean pretty, final int depth)
        {
            if (values.isEmpty())
            {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < values.size(); i++)
            {
                if (i > 0)
                {
                    out.append(',');
                }
                newline(out, pretty, depth + 1);
                values.get(i).write(out, pretty, depth + 1);
            }
            newline(out, pretty, depth);
            out.append(']');
        }
    }

    private static final class Literal extends Value
    {
        private final String text;

        Literal(final String text)
        {
            this.text = text;
        }

        void write(final StringBuilder out, final boolean pretty, final int depth)
        {
            out.append(text);
        }
    }

    private static void newline(final StringBuilder out, final boolean pretty, final int depth)
    {
        if (pretty)
        {
            out.append('\n');
            for (int i = 0; i < depth; i++)
            {
                out.append(INDENT);
            }
        }
    }

    /**
     * @param text any string.
     * @return it as a JSON string literal, with quotes.
     */
    public static String quote(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
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
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        unicodeEscape(out, c);
                    }
                    else if (Character.isHighSurrogate(c) && i + 1 < length &&
                        Character.isLowSurrogate(text.charAt(i + 1)))
                    {
                        out.append(c).append(text.charAt(++i));
                    }
                    else if (Character.isSurrogate(c))
                    {
                        unicodeEscape(out, c);
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    private static void unicodeEscape(final StringBuilder out, final char c)
    {
        out.append("\\u");
        final String hex = Integer.toHexString(c);
        for (int pad = hex.length(); pad < 4; pad++)
        {
            out.append('0');
        }
        out.append(hex);
    }
}
