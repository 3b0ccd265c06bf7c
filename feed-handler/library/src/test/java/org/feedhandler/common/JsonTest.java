package org.feedhandler.common;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest
{
    @Test
    void shouldWriteEveryKindOfValueCompactly()
    {
        final String json = Json.object()
            .put("s", "text")
            .put("n", 42)
            .put("d", 1.5)
            .put("t", true)
            .put("f", false)
            .putNull("z")
            .put("a", Json.array().add(1).add("x").addNull().add(Json.object()))
            .put("e", Json.array())
            .toString();
        assertEquals("{\"s\":\"text\",\"n\":42,\"d\":1.5,\"t\":true,\"f\":false,\"z\":null," +
            "\"a\":[1,\"x\",null,{}],\"e\":[]}", json);
    }

    @Test
    void shouldIndentPrettyOutputByTwoSpaces()
    {
        final String json = Json.object()
            .put("a", 1)
            .put("b", Json.array().add("x").add(Json.object().put("c", true)))
            .toPrettyString();
        assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    {\n      \"c\": true\n    }\n  ]\n}", json);
        assertEquals("{}", Json.object().toPrettyString());
    }

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharacters()
    {
        assertEquals("\"a\\\"b\\\\c\"", Json.quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", Json.quote("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001F\"", Json.quote("\u0000\u001f"));
        assertEquals("\"/proc/[0-9]*/comm\"", Json.quote("/proc/[0-9]*/comm"));
    }

    @Test
    void shouldEscapeLineSeparatorsAndSurrogatesSoTheOutputIsValidUtf8()
    {
        assertEquals("\"\\u2028\\u2029\"", Json.quote("\u2028\u2029"));
        assertEquals("\"\\uD800x\"", Json.quote("\ud800x"));
        assertEquals("\"\\uD83D\\uDE00\"", Json.quote("\ud83d\ude00"));
        assertEquals("\"é\"", Json.quote("é"));
        assertEquals("\ud83d\ude00", Json.parse(Json.quote("\ud83d\ude00")));
    }

    @Test
    void shouldWriteNonFiniteNumbersAsNullAndNullStringsAsNull()
    {
        assertEquals("[null,null,null]",
            Json.array().add(Double.NaN).add(Double.POSITIVE_INFINITY).add((String)null).toString());
    }

    @Test
    void shouldRoundTripThroughAParser()
    {
        final String text = "quote \" backslash \\ newline \n tab \t nul \u0000 emoji \ud83d\ude00";
        final Object parsed = Json.parse(Json.object().put("k", text)
            .put("list", Json.array().add(-7).add(2.25)).toPrettyString());
        assertEquals(Map.of("k", text, "list", List.of(-7L, 2.25)), parsed);
    }

    @Test
    void shouldWriteFixedDecimalsWithoutAnExponent()
    {
        assertEquals("[12345678.900,0.1,null]",
            Json.array().add(Json.of(12_345_678.9, 3)).add(Json.of(0.06, 1)).add(Json.of(Double.NaN, 1)).toString());
    }

    @Test
    void shouldReadNestedValuesAndRejectWhatIsNotJson()
    {
        assertEquals(Map.of("a", List.of(true, false), "b", Map.of()), Json.parseObject("{\"a\":[true,false],\"b\":{}}"));
        assertEquals(null, Json.parse(" null "));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
    }
}
