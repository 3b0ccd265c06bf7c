package org.feedhandler.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals("\"\\u0000\\u001f\"", Json.quote("\u0000\u001f"));
        assertEquals("\"/proc/[0-9]*/comm\"", Json.quote("/proc/[0-9]*/comm"));
    }

    @Test
    void shouldEscapeLineSeparatorsAndLoneSurrogatesButKeepPairs()
    {
        assertEquals("\"\\u2028\\u2029\"", Json.quote("\u2028\u2029"));
        assertEquals("\"\\ud800x\"", Json.quote("\ud800x"));
        assertEquals("\"\ud83d\ude00\"", Json.quote("\ud83d\ude00"));
        assertEquals("\"é\"", Json.quote("é"));
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
        final Object parsed = JsonParser.parse(Json.object().put("k", text)
            .put("list", Json.array().add(-7).add(2.25)).toPrettyString());
        assertEquals(Map.of("k", text, "list", List.of(-7L, 2.25)), parsed);
    }
}
