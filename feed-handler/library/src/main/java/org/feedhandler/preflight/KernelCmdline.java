package org.feedhandler.preflight;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's own parameters from {@code /proc/cmdline}. Parsing stops at a lone {@code --}: what
 * follows belongs to init, not to the kernel. Double quotes group a value with spaces, as the
 * kernel's {@code next_arg} does. A parameter given twice keeps its last value.
 */
public final class KernelCmdline
{
    private final Map<String, String> parameters;
    private final String text;

    private KernelCmdline(final Map<String, String> parameters, final String text)
    {
        this.parameters = parameters;
        this.text = text;
    }

    /**
     * @param cmdline the content of {@code /proc/cmdline}, may be null.
     * @return the parsed parameters.
     */
    public static KernelCmdline parse(final String cmdline)
    {
        final Map<String, String> parameters = new LinkedHashMap<>();
        if (null == cmdline)
        {
            return new KernelCmdline(parameters, "");
        }
        final List<String> words = split(cmdline);
        final StringBuilder kernelPart = new StringBuilder();
        for (final String word : words)
        {
            if ("--".equals(word))
            {
                break;
            }
            if (kernelPart.length() > 0)
            {
                kernelPart.append(' ');
            }
            kernelPart.append(word);
            final int equals = word.indexOf('=');
            if (equals < 0)
            {
                parameters.put(word, "");
            }
            else
            {
                parameters.put(word.substring(0, equals), unquote(word.substring(equals + 1)));
            }
        }
        return new KernelCmdline(parameters, kernelPart.toString());
    }

    private static List<String> split(final String cmdline)
    {
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < cmdline.length(); i++)
        {
            final char c = cmdline.charAt(i);
            if (c == '"')
            {
                quoted = !quoted;
                word.append(c);
            }
            else if (Character.isWhitespace(c) && !quoted)
            {
                if (word.length() > 0)
                {
                    words.add(word.toString());
                    word.setLength(0);
                }
            }
            else
            {
                word.append(c);
            }
        }
        if (word.length() > 0)
        {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(final String value)
    {
        return value.replace("\"", "");
    }

    public boolean has(final String name)
    {
        return parameters.containsKey(name);
    }

    /**
     * @param name parameter name.
     * @return its value, {@code ""} for a flag without one, null when absent.
     */
    public String get(final String name)
    {
        return parameters.get(name);
    }

    public Map<String, String> parameters()
    {
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * The CPU list of a parameter whose value is {@code [flag,]...list}, like
     * {@code isolcpus=managed_irq,domain,2-5}: words that are not CPU ranges are flags and skipped.
     *
     * @param name parameter name.
     * @return the CPUs; empty when absent.
     */
    public CpuSet cpus(final String name)
    {
        final String value = parameters.get(name);
        if (null == value)
        {
            return CpuSet.EMPTY;
        }
        final StringBuilder list = new StringBuilder();
        for (final String part : value.split(","))
        {
            if (!part.isEmpty() && Character.isDigit(part.charAt(0)))
            {
                if (list.length() > 0)
                {
                    list.append(',');
                }
                list.append(part);
            }
        }
        try
        {
            return CpuSet.parseList(list.toString());
        }
        catch (final IllegalArgumentException ex)
        {
            return CpuSet.EMPTY;
        }
    }

    /**
     * @param name parameter name, e.g. {@code isolcpus}.
     * @return the flag words before the list ({@code managed_irq,domain}); empty when none.
     */
    public List<String> flags(final String name)
    {
        final List<String> flags = new ArrayList<>();
        final String value = parameters.get(name);
        if (null != value)
        {
            for (final String part : value.split(","))
            {
                if (!part.isEmpty() && !Character.isDigit(part.charAt(0)))
                {
                    flags.add(part);
                }
            }
        }
        return flags;
    }

    /**
     * @return the kernel's part of the command line (before any lone {@code --}).
     */
    public String toString()
    {
        return text;
    }
}
