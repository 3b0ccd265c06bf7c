package org.feedhandler.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line-by-line check of the Prometheus text exposition format 0.0.4 (the Prometheus client has no
 * parser in the artifacts used): every line is a {@code # HELP}, a {@code # TYPE}, another comment, a
 * sample or empty; names and label names match the format's grammar; label values are quoted with only
 * {@code \\}, {@code \"} and {@code \n} escapes; values parse as floats; each family's {@code HELP} and
 * {@code TYPE} come once and before its samples, and its samples are contiguous.
 */
public final class ExpositionGrammar
{
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String LABEL = LABEL_NAME + "=" + LABEL_VALUE;
    private static final String FLOAT = "(?:[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)|[+-]?Inf|NaN)";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
        "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})? (" + FLOAT + ")(?: (-?\\d+))?");
    private static final Pattern ONE_LABEL = Pattern.compile("(" + LABEL_NAME + ")=(" + LABEL_VALUE + ")");

    /** One sample, as parsed. */
    public record Sample(String name, Map<String, String> labels, double value)
    {
    }

    private ExpositionGrammar()
    {
    }

    /**
     * @param text the exposition.
     * @return its samples, in order.
     * @throws AssertionError naming the first line that breaks the grammar.
     */
    public static List<Sample> parse(final String text)
    {
        if (!text.isEmpty() && !text.endsWith("\n"))
        {
            throw new AssertionError("the exposition does not end with a line feed");
        }
        final List<Sample> samples = new ArrayList<>();
        final Set<String> helped = new HashSet<>();
        final Map<String, String> typed = new HashMap<>();
        final Set<String> finishedFamilies = new HashSet<>();
        String currentFamily = null;
        int lineNumber = 0;
        for (final String line : text.split("\n", -1))
        {
            lineNumber++;
            if (line.isEmpty())
            {
                continue;
            }
            final Matcher help = HELP.matcher(line);
            final Matcher type = TYPE.matcher(line);
            final Matcher sample = SAMPLE.matcher(line);
            if (help.matches())
            {
                check(helped.add(help.group(1)), lineNumber, line, "second HELP for " + help.group(1));
                check(help.group(2).matches("(?:[^\\\\]|\\\\[\\\\n])*"), lineNumber, line, "bad escape in HELP");
            }
            else if (type.matches())
            {
                final String family = type.group(1);
                check(null == typed.put(family, type.group(2)), lineNumber, line, "second TYPE for " + family);
                check(!finishedFamilies.contains(family) && !family.equals(currentFamily), lineNumber, line,
                    "TYPE after the samples of " + family);
            }
            else if (line.startsWith("#"))
            {
                check(!line.startsWith("# HELP") && !line.startsWith("# TYPE"), lineNumber, line, "malformed HELP/TYPE");
            }
            else if (sample.matches())
            {
                final String family = family(sample.group(1), typed);
                if (!family.equals(currentFamily))
                {
                    check(!finishedFamilies.contains(family), lineNumber, line, "samples of " + family + " not contiguous");
                    if (null != currentFamily)
                    {
                        finishedFamilies.add(currentFamily);
                    }
                    currentFamily = family;
                }
                final Map<String, String> labels = new LinkedHashMap<>();
                if (null != sample.group(2))
                {
                    final Matcher label = ONE_LABEL.matcher(sample.group(2));
                    while (label.find())
                    {
                        final String value = label.group(2);
                        check(null == labels.put(label.group(1), unescape(value.substring(1, value.length() - 1))),
                            lineNumber, line, "label " + label.group(1) + " twice");
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(
                    sample.group(3).replace("Inf", "Infinity"))));
            }
            else
            {
                throw new AssertionError("line " + lineNumber + " is not exposition format: " + line);
            }
        }
        return samples;
    }

    private static String family(final String sampleName, final Map<String, String> typed)
    {
        for (final String suffix : new String[] {"_bucket", "_count", "_sum"})
        {
            if (sampleName.endsWith(suffix))
            {
                final String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (typed.containsKey(base))
                {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static String unescape(final String value)
    {
        final StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if ('\\' == c)
            {
                final char next = value.charAt(++i);
                sb.append('n' == next ? '\n' : next);
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void check(final boolean ok, final int lineNumber, final String line, final String what)
    {
        if (!ok)
        {
            throw new AssertionError("line " + lineNumber + ": " + what + ": " + line);
        }
    }

    /**
     * @return the one sample named so, or an AssertionError.
     */
    public static Sample sample(final List<Sample> samples, final String name)
    {
        Sample found = null;
        for (final Sample s : samples)
        {
            if (s.name().equals(name))
            {
                if (null != found)
                {
                    throw new AssertionError("two samples named " + name);
                }
                found = s;
            }
        }
        if (null == found)
        {
            throw new AssertionError("no sample named " + name + " in " + samples);
        }
        return found;
    }

    /**
     * @return the TYPE declared for a family, or null.
     */
    public static String type(final String text, final String family)
    {
        final Matcher m = Pattern.compile("^# TYPE " + Pattern.quote(family) + " (\\w+)$", Pattern.MULTILINE)
            .matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
