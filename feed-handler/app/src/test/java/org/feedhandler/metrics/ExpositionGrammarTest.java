package org.feedhandler.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checker the exposition tests rely on must refuse what the format forbids. */
class ExpositionGrammarTest
{
    @ParameterizedTest
    @ValueSource(strings = {
        "a 1",                                             // no final line feed
        "1a 1\n",                                          // name starts with a digit
        "a{b=c} 1\n",                                      // label value unquoted
        "a{b=\"c\\x\"} 1\n",                               // unknown escape
        "a{b=\"1\",b=\"2\"} 1\n",                          // label twice
        "a one\n",                                         // value not a float
        "a 1\n# TYPE a counter\n",                         // TYPE after the samples
        "# TYPE a counter\n# TYPE a gauge\na 1\n",         // TYPE twice
        "# HELP a x\n# HELP a y\na 1\n",                   // HELP twice
        "a 1\nb 1\na 2\n",                                 // a's samples not contiguous
        "# TYPE a countr\na 1\n",                          // unknown type
    })
    void shouldRefuseWhatTheFormatForbids(final String text)
    {
        assertThrows(AssertionError.class, () -> ExpositionGrammar.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "# HELP a_total x \\\\ y \\n z\n# TYPE a_total counter\na_total{b=\"q\\\"\\\\\\n\",c=\"\"} 1.0 1700000000000\n",
        "a +Inf\nb NaN\nc -1.5e-3\n",
    })
    void shouldAcceptWhatTheFormatAllows(final String text)
    {
        final long sampleLines = text.lines().filter(line -> !line.startsWith("#")).count();
        assertEquals(sampleLines, ExpositionGrammar.parse(text).size(), text);
    }
}
