package org.feedhandler.status;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest
{
    private static String quote(final String s)
    {
        return JsonText.quote(new StringBuilder(), s).toString();
    }

    @Test
    void shouldEscapeWhatJsonRequires()
    {
        assertEquals("\"plain label\"", quote("plain label"));
        assertEquals("\"a\\\"b\\\\c\"", quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", quote("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\"", quote("\u0000\u001f"));
        assertEquals("\"\\u2028\"", quote("\u2028"));
        assertEquals("\"caf\u00e9 /\"", quote("caf\u00e9 /"));
        assertEquals("null", quote(null));
    }
}
