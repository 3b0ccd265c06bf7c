package org.feedhandler.preflight;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JVM checks judge: the input arguments (RuntimeMXBean) and the values of HotSpot options
 * (HotSpotDiagnosticMXBean, which also sees options from {@code JAVA_TOOL_OPTIONS}, argument files
 * and ergonomics). Tests build one from an argument list alone.
 */
public final class JvmFacts
{
    private static final Map<String, String> HOTSPOT_DEFAULTS = Map.of(
        "AlwaysPreTouch", "false",
        "GuaranteedSafepointInterval", "1000",
        "UseTransparentHugePages", "false",
        "UseLargePages", "false");

    private final List<String> inputArguments;
    private final Map<String, String> fromArguments;
    private final HotSpotDiagnosticMXBean hotSpot;

    private JvmFacts(final List<String> inputArguments, final HotSpotDiagnosticMXBean hotSpot)
    {
        this.inputArguments = Collections.unmodifiableList(new ArrayList<>(inputArguments));
        this.fromArguments = parse(inputArguments);
        this.hotSpot = hotSpot;
    }

    /**
     * @return the facts of the JVM running this code.
     */
    public static JvmFacts current()
    {
        HotSpotDiagnosticMXBean hotSpot = null;
        try
        {
            hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        }
        catch (final RuntimeException ex)
        {
            // not HotSpot: fall back on the arguments alone
        }
        return new JvmFacts(ManagementFactory.getRuntimeMXBean().getInputArguments(), hotSpot);
    }

    /**
     * @param inputArguments JVM options as RuntimeMXBean would report them.
     * @return facts judged from those arguments alone, with HotSpot's defaults for absent flags.
     */
    public static JvmFacts fromArguments(final List<String> inputArguments)
    {
        return new JvmFacts(inputArguments, null);
    }

    public List<String> inputArguments()
    {
        return inputArguments;
    }

    /**
     * @param name a HotSpot option name, e.g. {@code AlwaysPreTouch}, {@code MaxHeapSize}.
     * @return its value as text, or null when unknown (heap sizes not given on the command line, when
     * judged from arguments alone).
     */
    public String option(final String name)
    {
        if (null != hotSpot)
        {
            try
            {
                final VMOption option = hotSpot.getVMOption(name);
                if (null != option)
                {
                    return option.getValue();
                }
            }
            catch (final IllegalArgumentException ex)
            {
                // diagnostic options are hidden without -XX:+UnlockDiagnosticVMOptions
            }
        }
        final String value = fromArguments.get(name);
        return null != value ? value : HOTSPOT_DEFAULTS.get(name);
    }

    /**
     * @param name a boolean HotSpot flag.
     * @return true when it is on.
     */
    public boolean flag(final String name)
    {
        return "true".equals(option(name));
    }

    /**
     * @return true when assertions are enabled for any class ({@code -ea}, {@code -esa} and friends,
     * not undone by a later {@code -da}).
     */
    public boolean assertionsEnabled()
    {
        boolean enabled = false;
        for (final String arg : inputArguments)
        {
            final String name = arg.contains(":") ? arg.substring(0, arg.indexOf(':')) : arg;
            switch (name)
            {
                case "-ea":
                case "-enableassertions":
                case "-esa":
                case "-enablesystemassertions":
                    enabled = true;
                    break;
                case "-da":
                case "-disableassertions":
                    if (!arg.contains(":"))
                    {
                        enabled = false;
                    }
                    break;
                default:
                    break;
            }
        }
        return enabled;
    }

    /**
     * @return the debugger agent option when one is present ({@code -agentlib:jdwp}, {@code -Xrunjdwp},
     * {@code -Xdebug}), else null.
     */
    public String debuggerAgent()
    {
        for (final String arg : inputArguments)
        {
            if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp") || "-Xdebug".equals(arg) ||
                (arg.startsWith("-agentpath:") && arg.contains("jdwp")))
            {
                return arg;
            }
        }
        return null;
    }

    private static Map<String, String> parse(final List<String> arguments)
    {
        final Map<String, String> values = new HashMap<>();
        for (final String arg : arguments)
        {
            if (arg.startsWith("-XX:+") || arg.startsWith("-XX:-"))
            {
                values.put(arg.substring(5), arg.charAt(4) == '+' ? "true" : "false");
            }
            else if (arg.startsWith("-XX:") && arg.indexOf('=') > 4)
            {
                final String name = arg.substring(4, arg.indexOf('='));
                final String value = arg.substring(arg.indexOf('=') + 1);
                values.put(name, isHeapSize(name) ? bytes(value) : value);
            }
            else if (arg.startsWith("-Xms"))
            {
                values.put("InitialHeapSize", bytes(arg.substring(4)));
            }
            else if (arg.startsWith("-Xmx"))
            {
                values.put("MaxHeapSize", bytes(arg.substring(4)));
            }
        }
        return values;
    }

    private static boolean isHeapSize(final String name)
    {
        return "InitialHeapSize".equals(name) || "MaxHeapSize".equals(name) || "MinHeapSize".equals(name);
    }

    /**
     * @param size a JVM size: digits with an optional k, m, g or t suffix.
     * @return the number of bytes as text, or the input unchanged when it does not parse.
     */
    static String bytes(final String size)
    {
        final String s = size.trim().toLowerCase();
        if (s.isEmpty())
        {
            return size;
        }
        long multiplier = 1;
        String digits = s;
        switch (s.charAt(s.length() - 1))
        {
            case 'k':
                multiplier = 1L << 10;
                break;
            case 'm':
                multiplier = 1L << 20;
                break;
            case 'g':
                multiplier = 1L << 30;
                break;
            case 't':
                multiplier = 1L << 40;
                break;
            default:
                break;
        }
        if (multiplier != 1)
        {
            digits = s.substring(0, s.length() - 1);
        }
        try
        {
            return Long.toString(Math.multiplyExact(Long.parseLong(digits), multiplier));
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            return size;
        }
    }
}
