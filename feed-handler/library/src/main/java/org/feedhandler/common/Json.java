package org.feedhandler.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON writer and reader for machine-readable output and input, over jackson-core's streaming
 * {@link JsonGenerator} and {@link JsonParser}. Off the hot path: every call allocates.
 * <p>
 * Build a tree of objects and arrays, then render it compact or pretty (two-space indent):
 * <pre>{@code
 * Json.object()
 *     .put("verdict", "ready")
 *     .put("exitCode", 0)
 *     .put("checks", Json.array().add(Json.object().put("id", "cpu.isolated").putNull("cpu")))
 *     .toPrettyString();
 * }</pre>
 * Object keys keep insertion order. Besides JSON's own escapes, U+2028, U+2029 and every surrogate
 * are written as {@code \}{@code uXXXX}, so the output is ASCII-safe, valid UTF-8 even for a lone
 * surrogate, and valid JavaScript. Non-finite doubles are written as {@code null}.
 * {@link #parse} reads any JSON text back into maps, lists, strings, longs, doubles, booleans and null.
 */
public final class Json
{
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new Escapes()).build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator(""))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    /** The {@code null} literal. */
    public static final Value NULL = new Value()
    {
        void write(final JsonGenerator out) throws IOException
        {
            out.writeNull();
        }
    };
    private static final Value TRUE = new BooleanValue(true);
    private static final Value FALSE = new BooleanValue(false);

    private Json()
    {
    }

    /**
     * A JSON value that can render itself.
     */
    public abstract static class Value
    {
        abstract void write(JsonGenerator out) throws IOException;

        /**
         * @return compact JSON.
         */
        public String toString()
        {
            return toJson(false);
        }

        /**
         * @return JSON indented by two spaces, one member per line.
         */
        public String toPrettyString()
        {
            return toJson(true);
        }

        /**
         * @param pretty true for indented output.
         * @return the JSON text.
         */
        public String toJson(final boolean pretty)
        {
            final StringWriter text = new StringWriter();
            try (JsonGenerator out = FACTORY.createGenerator(text))
            {
                if (pretty)
                {
                    out.setPrettyPrinter(PRETTY);
                }
                write(out);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return text.toString();
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
        return null == value ? NULL : new Value()
        {
            void write(final JsonGenerator out) throws IOException
            {
                out.writeString(value);
            }
        };
    }

    public static Value of(final long value)
    {
        return new Value()
        {
            void write(final JsonGenerator out) throws IOException
            {
                out.writeNumber(value);
            }
        };
    }

    public static Value of(final double value)
    {
        return Double.isFinite(value) ? new Value()
        {
            void write(final JsonGenerator out) throws IOException
            {
                out.writeNumber(value);
            }
        } : NULL;
    }

    /**
     * @param value    a number.
     * @param decimals digits after the point, rounded half up, never an exponent.
     * @return the number with a fixed number of decimals, or {@code null} when not finite.
     */
    public static Value of(final double value, final int decimals)
    {
        if (!Double.isFinite(value))
        {
            return NULL;
        }
        final BigDecimal fixed = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        return new Value()
        {
            void write(final JsonGenerator out) throws IOException
            {
                out.writeNumber(fixed);
            }
        };
    }

    public static Value of(final boolean value)
    {
        return value ? TRUE : FALSE;
    }

    /**
     * @param text any text.
     * @return the text as a JSON string literal, quotes included.
     */
    public static String quote(final String text)
    {
        return of(text).toString();
    }

    /**
     * Read a JSON text.
     *
     * @param text one JSON value, nothing after it but white space.
     * @return a {@code Map<String, Object>} (insertion order), {@code List<Object>}, {@code String},
     * {@code Long} (or {@code BigInteger} past its range), {@code Double}, {@code Boolean} or null.
     * @throws IllegalArgumentException naming the position when the text is not JSON.
     */
    public static Object parse(final String text)
    {
        try (JsonParser in = FACTORY.createParser(text))
        {
            if (null == in.nextToken())
            {
                throw new IllegalArgumentException("no JSON value in an empty text");
            }
            final Object value = read(in);
            if (null != in.nextToken())
            {
                throw new IllegalArgumentException("text after the JSON value at " + in.currentLocation());
            }
            return value;
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("not JSON: " + ex.getMessage(), ex);
        }
    }

    /**
     * Read a JSON object.
     *
     * @param text a JSON object.
     * @return its members, in order.
     * @throws IllegalArgumentException when the text is not JSON or not an object.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(final String text)
    {
        final Object value = parse(text);
        if (!(value instanceof Map))
        {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        return (Map<String, Object>)value;
    }

    private static Object read(final JsonParser in) throws IOException
    {
        final JsonToken token = in.currentToken();
        switch (token)
        {
            case START_OBJECT:
            {
                final Map<String, Object> members = new LinkedHashMap<>();
                while (in.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = in.currentName();
                    in.nextToken();
                    members.put(name, read(in));
                }
                return members;
            }
            case START_ARRAY:
            {
                final List<Object> elements = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY)
                {
                    elements.add(read(in));
                }
                return elements;
            }
            case VALUE_STRING:
                return in.getText();
            case VALUE_NUMBER_INT:
                return in.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? in.getBigIntegerValue() : in.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return in.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("unexpected " + token + " at " + in.currentLocation());
        }
    }

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

        void write(final JsonGenerator out) throws IOException
        {
            out.writeStartObject();
            for (int i = 0; i < keys.size(); i++)
            {
                out.writeFieldName(keys.get(i));
                values.get(i).write(out);
            }
            out.writeEndObject();
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

        void write(final JsonGenerator out) throws IOException
        {
            out.writeStartArray();
            for (final Value value : values)
            {
                value.write(out);
            }
            out.writeEndArray();
        }
    }

    private static final class BooleanValue extends Value
    {
        private final boolean value;

        BooleanValue(final boolean value)
        {
            this.value = value;
        }

        void write(final JsonGenerator out) throws IOException
        {
            out.writeBoolean(value);
        }
    }

    /**
     * JSON's own escapes, plus U+2028, U+2029 and surrogates as {@code \}{@code uXXXX}: a lone surrogate
     * cannot be encoded in UTF-8, and escaping both halves of a pair keeps the text equal when read back.
     */
    private static final class Escapes extends CharacterEscapes
    {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        public int[] getEscapeCodesForAscii()
        {
            return ascii;
        }

        public SerializableString getEscapeSequence(final int c)
        {
            if (c == 0x2028 || c == 0x2029 || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
            {
                return new SerializedString(String.format("\\u%04X", c));
            }
            return null;
        }
    }
}
