package org.feedhandler.preflight;

import java.util.BitSet;

/**
 * An immutable set of CPU ids, parsed from the kernel's two formats: the cpulist
 * ({@code 0-3,8-11}, with the stride form {@code 2-15:2/4} = from 2 to 15, in groups of 4, the first
 * 2 of each) and the hex mask ({@code ff,ffffffff}, 32-bit words separated by commas, most
 * significant first). {@code (null)} and the empty string are the empty set.
 */
public final class CpuSet
{
    public static final CpuSet EMPTY = new CpuSet(new BitSet());

    private final BitSet bits;

    private CpuSet(final BitSet bits)
    {
        this.bits = bits;
    }

    /**
     * @param cpus CPU ids.
     * @return the set of them.
     */
    public static CpuSet of(final int... cpus)
    {
        final BitSet bits = new BitSet();
        for (final int cpu : cpus)
        {
            if (cpu < 0)
            {
                throw new IllegalArgumentException("negative CPU id: " + cpu);
            }
            bits.set(cpu);
        }
        return new CpuSet(bits);
    }

    /**
     * @param bits CPU ids as bits; copied.
     * @return the set.
     */
    public static CpuSet of(final BitSet bits)
    {
        return new CpuSet((BitSet)bits.clone());
    }

    /** Highest CPU id a cpulist may name: Linux's NR_CPUS is at most 8192, and the parse is bounded by it. */
    public static final int MAX_CPU = 8191;

    /**
     * Parse a kernel cpulist, as in {@code /sys/devices/system/cpu/online}, {@code isolcpus=} or
     * {@code Cpus_allowed_list}: comma-separated ids and ranges {@code A-B}, a range optionally with
     * {@code :USED/GROUP} (kernel {@code bitmap_parselist}). {@code (null)}, blank and null are empty.
     *
     * @param text the list.
     * @return the set.
     * @throws IllegalArgumentException naming the bad part when the text is not a cpulist.
     */
    public static CpuSet parseList(final String text)
    {
        final BitSet bits = new BitSet();
        if (null == text)
        {
            return EMPTY;
        }
        final String trimmed = text.trim();
        if (trimmed.isEmpty() || "(null)".equals(trimmed))
        {
            return EMPTY;
        }
        for (final String rawPart : trimmed.split(","))
        {
            final String part = rawPart.trim();
            if (part.isEmpty())
            {
                throw new IllegalArgumentException("empty element in cpulist '" + text + "'");
            }
            try
            {
                parseListPart(part, bits);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("'" + part + "' in cpulist '" + text + "' is not N, N-M or N-M:U/G");
            }
        }
        return new CpuSet(bits);
    }

    private static void parseListPart(final String part, final BitSet bits)
    {
        final int colon = part.indexOf(':');
        final String range = colon < 0 ? part : part.substring(0, colon);
        final int dash = range.indexOf('-');
        final int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        final int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
        if (from < 0 || to < from)
        {
            throw new IllegalArgumentException("'" + part + "' is not an ascending range");
        }
        if (to > MAX_CPU)
        {
            throw new IllegalArgumentException("'" + part + "' goes past CPU " + MAX_CPU + " (CPU ids are 0.." + MAX_CPU + ")");
        }
        int used = 1;
        int group = 1;
        if (colon >= 0)
        {
            final String stride = part.substring(colon + 1);
            final int slash = stride.indexOf('/');
            if (slash < 0 || dash < 0)
            {
                throw new NumberFormatException(part);
            }
            used = Integer.parseInt(stride.substring(0, slash));
            group = Integer.parseInt(stride.substring(slash + 1));
            if (used < 1 || group < 1 || used > group)
            {
                throw new IllegalArgumentException("'" + part + "' needs 1 <= used <= group");
            }
        }
        for (int cpu = from; cpu <= to; cpu++)
        {
            if ((cpu - from) % group < used)
            {
                bits.set(cpu);
            }
        }
    }

    /**
     * Parse a kernel hex CPU mask, as in {@code /proc/irq/default_smp_affinity}: hex digits, with
     * commas between 32-bit words, least significant word last. An optional {@code 0x} is accepted.
     *
     * @param text the mask.
     * @return the set.
     */
    public static CpuSet parseMask(final String text)
    {
        if (null == text)
        {
            return EMPTY;
        }
        String hex = text.trim().replace(",", "");
        if (hex.startsWith("0x") || hex.startsWith("0X"))
        {
            hex = hex.substring(2);
        }
        final BitSet bits = new BitSet();
        final int length = hex.length();
        for (int i = 0; i < length; i++)
        {
            final int nibble = Character.digit(hex.charAt(length - 1 - i), 16);
            if (nibble < 0)
            {
                throw new IllegalArgumentException("'" + text + "' is not a hex CPU mask");
            }
            for (int b = 0; b < 4; b++)
            {
                if ((nibble & (1 << b)) != 0)
                {
                    bits.set(i * 4 + b);
                }
            }
        }
        return new CpuSet(bits);
    }

    public boolean isEmpty()
    {
        return bits.isEmpty();
    }

    public int size()
    {
        return bits.cardinality();
    }

    public boolean contains(final int cpu)
    {
        return cpu >= 0 && bits.get(cpu);
    }

    /**
     * @param other another set.
     * @return true when every CPU of {@code other} is in this set.
     */
    public boolean containsAll(final CpuSet other)
    {
        final BitSet missing = (BitSet)other.bits.clone();
        missing.andNot(bits);
        return missing.isEmpty();
    }

    public boolean intersects(final CpuSet other)
    {
        return bits.intersects(other.bits);
    }

    public CpuSet and(final CpuSet other)
    {
        final BitSet result = (BitSet)bits.clone();
        result.and(other.bits);
        return new CpuSet(result);
    }

    public CpuSet or(final CpuSet other)
    {
        final BitSet result = (BitSet)bits.clone();
        result.or(other.bits);
        return new CpuSet(result);
    }

    public CpuSet minus(final CpuSet other)
    {
        final BitSet result = (BitSet)bits.clone();
        result.andNot(other.bits);
        return new CpuSet(result);
    }

    /**
     * @return the lowest CPU, or -1 when empty.
     */
    public int first()
    {
        return bits.nextSetBit(0);
    }

    /**
     * @return the CPU ids, ascending.
     */
    public int[] toArray()
    {
        return bits.stream().toArray();
    }

    /**
     * @return a copy as a BitSet (for {@code Affinity.setAffinity}).
     */
    public BitSet toBitSet()
    {
        return (BitSet)bits.clone();
    }

    /**
     * @return the kernel hex mask form ({@code 3}, {@code ff,ffffffff}), as written to {@code smp_affinity}.
     */
    public String toHexMask()
    {
        if (bits.isEmpty())
        {
            return "0";
        }
        final StringBuilder sb = new StringBuilder();
        final int words = (bits.length() + 31) / 32;
        for (int w = words - 1; w >= 0; w--)
        {
            int word = 0;
            for (int b = 0; b < 32; b++)
            {
                if (bits.get(w * 32 + b))
                {
                    word |= 1 << b;
                }
            }
            if (sb.length() > 0)
            {
                sb.append(',').append(String.format("%08x", word));
            }
            else
            {
                sb.append(Integer.toHexString(word));
            }
        }
        return sb.toString();
    }

    /**
     * @return the kernel cpulist form ({@code 0-3,8}); empty string for the empty set.
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        int cpu = bits.nextSetBit(0);
        while (cpu >= 0)
        {
            final int end = bits.nextClearBit(cpu) - 1;
            if (sb.length() > 0)
            {
                sb.append(',');
            }
            sb.append(cpu);
            if (end > cpu)
            {
                sb.append('-').append(end);
            }
            cpu = bits.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    public boolean equals(final Object o)
    {
        return o instanceof CpuSet && bits.equals(((CpuSet)o).bits);
    }

    public int hashCode()
    {
        return bits.hashCode();
    }

    /**
     * @param cpus a set, or null when it could not be read.
     * @return the set as a list, {@code (none)} when empty, {@code (absent)} when null.
     */
    public static String show(final CpuSet cpus)
    {
        return null == cpus ? "(absent)" : cpus.isEmpty() ? "(none)" : cpus.toString();
    }

    /**
     * @param status a {@code /proc/.../status} file's content, or null.
     * @return its {@code Cpus_allowed_list}, or null when absent or unreadable.
     */
    public static CpuSet cpusAllowed(final String status)
{
        if (null == status)
        {
            return null;
        }
        for (final String line : status.split("\n"))
        {
            if (line.startsWith("Cpus_allowed_list:"))
            {
                try
                {
                    return parseList(line.substring("Cpus_allowed_list:".length()));
                }
                catch (final IllegalArgumentException ex)
                {
                    return null;
                }
            }
        }
        return null;
    }
}
