package org.feedhandler.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What each term of the normalized output costs, measured as {@link PairedPasses} measures builds: the
 * {@link OutputPass} sides ({@code off}, {@code listener}, {@code writer}, {@code aeron}, of this build or of
 * another build's jar) in one JVM, each defined by its own class loader (its own classes, so every listener
 * call site sees one class and is compiled for it alone, as in a handler), take turns a pass of the stream
 * each, the order reversed every round; whatever the host does during a round, it does to every side.
 * Prints each side's ns per ITCH message, the median of the per-round ratios to the first side, the median
 * of the per-round differences to the side before it (the terms of the breakdown), and the events the
 * {@code aeron} side dropped in the measured rounds.
 * <pre>
 * java $(cat feed-handler/app/target/jvm.flags) -Xms6g -Xmx6g -cp bench/target/benchmarks.jar \
 *     org.feedhandler.bench.OutputPasses [--rounds 30] [--warmup 10] [--messages 1000000] [--clock wall|cpu] \
 *     SPEC SPEC...
 * </pre>
 * A {@code SPEC} is {@code [JAR:]OUTPUT[,unchecked]}: a build's {@code benchmarks.jar} (copy it aside before
 * building the other; this jar when left out) and an output, e.g. {@code off listener writer aeron} or
 * {@code /tmp/before.jar:aeron aeron}; {@code ,unchecked} gives that side Agrona's buffers without bounds
 * checks ({@code agrona.disable.bounds.checks}, read as its own copy of Agrona initializes). Exits 64 on bad usage, 1 when the sides do not build the same books.
 */
public final class OutputPasses
{
    private static final String UNCHECKED = "agrona.disable.bounds.checks";
    private static final String USAGE =
        "usage: OutputPasses [--rounds N] [--warmup N] [--messages N] [--clock wall|cpu] [JAR:]OUTPUT[,unchecked] ...";

    private OutputPasses()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        int rounds = 30;
        int warmup = 10;
        int messages = 1_000_000;
        boolean cpuTime = false;
        final List<String> specs = new ArrayList<>();
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--messages" -> messages = Integer.parseInt(args[++i]);
                    case "--clock" -> cpuTime = PairedPasses.isCpuClock(args[++i]);
                    default -> specs.add(args[i]);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            usage("bad option: " + ex.getMessage());
        }
        if (specs.isEmpty() || rounds < 4 || warmup < 0)
        {
            usage(specs.isEmpty() ? "no side to run" : "bad --rounds (at least 4) or --warmup");
        }

        final int n = specs.size();
        final LongSupplier[] passes = new LongSupplier[n];
        for (int i = 0; i < n; i++)
        {
            final String spec = specs.get(i);
            final int colon = spec.lastIndexOf(':');
            final String jar = colon < 0 ? "this" : spec.substring(0, colon);
            final String[] output = spec.substring(colon + 1).split(",");
            // Agrona reads the property once, as its buffer classes initialize: in this side's loader, now
            System.setProperty(UNCHECKED, Boolean.toString(output.length > 1 && "unchecked".equals(output[1])));
            final ClassLoader loader = new PairedPasses.BuildLoader(PairedPasses.BuildLoader.jarUrl(jar), OutputPass.class);
            passes[i] = (LongSupplier)loader.loadClass(OutputPass.class.getName())
                .getConstructor(String.class, Integer.class, Boolean.class)
                .newInstance(output[0], messages, cpuTime);
            System.clearProperty(UNCHECKED);
        }
        for (int w = 0; w < warmup; w++)
        {
            for (final LongSupplier pass : passes)
            {
                pass.getAsLong();
            }
        }
        final String[] before = new String[n];
        for (int i = 0; i < n; i++)
        {
            before[i] = passes[i].toString();
            if (((IntSupplier)passes[i]).getAsInt() != ((IntSupplier)passes[0]).getAsInt())
            {
                System.err.println("OutputPasses: " + specs.get(i) + " and " + specs.get(0) + " built different books");
                System.exit(1);
            }
        }

        final double[][] ns = new double[n][rounds];
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < n; k++)
            {
                final int i = 0 == (r & 1) ? k : n - 1 - k;
                ns[i][r] = passes[i].getAsLong() / (double)messages;
            }
        }

        System.out.printf(Locale.ROOT, "OutputPasses: %,d messages, CLUSTERED, 8000 stocks, %d rounds after %d of " +
            "warm-up, ns per ITCH message (%s)%n", messages, rounds, warmup, cpuTime ? "thread CPU time" : "wall clock");
        for (int i = 0; i < n; i++)
        {
            final double[] sorted = ns[i].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-30s p10 %7.1f  p50 %7.1f  p90 %7.1f%n", specs.get(i),
                PairedPasses.at(sorted, 0.1), PairedPasses.at(sorted, 0.5), PairedPasses.at(sorted, 0.9));
        }
        for (int i = 1; i < n; i++)
        {
            final double[] ratios = new double[rounds];
            final double[] differences = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                ratios[r] = ns[i][r] / ns[0][r];
                differences[r] = ns[i][r] - ns[i - 1][r];
            }
            Arrays.sort(ratios);
            Arrays.sort(differences);
            System.out.printf(Locale.ROOT, "%s / %s: median ratio %.3f (p25 %.3f, p75 %.3f); %s - %s: median %.1f ns " +
                "(p25 %.1f, p75 %.1f)%n", specs.get(i), specs.get(0), PairedPasses.at(ratios, 0.5),
                PairedPasses.at(ratios, 0.25), PairedPasses.at(ratios, 0.75), specs.get(i), specs.get(i - 1),
                PairedPasses.at(differences, 0.5), PairedPasses.at(differences, 0.25), PairedPasses.at(differences, 0.75));
        }
        for (int i = 0; i < n; i++)
        {
            System.out.printf("%s%n  after warm-up: %s%n", passes[i], before[i]);
            ((AutoCloseable)passes[i]).close();
        }
    }

    private static void usage(final String why)
    {
        System.err.println("OutputPasses: " + why);
        System.err.println(USAGE);
        System.exit(64);
    }
}
