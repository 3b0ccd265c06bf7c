package org.feedhandler.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Decode + book passes of several builds, or capacities, in one JVM, pass by pass in turn: a comparison
 * that holds on a noisy host where separate JMH runs do not.
 * <p>
 * On a shared VM the speed of this workload drifts by a third within minutes (neighbours' use of the
 * last-level cache and memory), so two JMH runs a few minutes apart, or two forks of one run, differ by
 * more than most changes do. Here each build is loaded by its own class loader (its own classes, its own
 * JIT-compiled code) and the builds take turns, one pass of the generated stream each, the order reversed
 * every round; whatever the host does during a round, it does to every build. What is reported is the
 * median of the per-round ratios to the first build, beside each build's own pass times. Two copies of one
 * build measure a ratio of 1.00 +- 0.02. The rounds do not average out the JIT: each launch compiles each
 * build afresh, with inlining decisions that differ between launches by a few percent, so compare the
 * mean over several launches: {@code --launches 4} runs the comparison in four JVMs of the same command
 * line, one after another, and ends with each launch's ratio and their mean.
 * <p>
 * The order the builds are loaded, allocated and warmed in is not neutral: their heaps and code land in
 * different places and the JIT reaches one before the other. Two copies of one build, loaded in one
 * order, measured 0.96-0.98 in four launches out of four (the second faster). So {@code --launches}
 * loads and warms the builds in reverse order every other launch ({@code --reversed} does that for one
 * launch) and prints the means of either order beside the overall one: use an even number of launches.
 * <p>
 * {@code --clock cpu} times each pass by the thread's CPU time instead of the wall clock: on a host with
 * more runnable threads than cores, the time the scheduler gives other processes in the middle of a pass
 * is then not counted (what they do to the caches still is).
 * <pre>
 * java $(cat feed-handler/app/target/jvm.flags) -Xms8g -Xmx8g -cp bench/target/benchmarks.jar \
 *     org.feedhandler.bench.PairedPasses [--flow clustered|independent] [--rounds 60] [--warmup 15] \
 *     [--messages 1000000] [--stocks 8000] [--launches 1] [--reversed] [--clock wall|cpu] SPEC SPEC...
 * </pre>
 * A {@code SPEC} is {@code JAR[:MAX_ORDERS[:MAX_LEVELS]]}: a {@code benchmarks.jar} of the build (copy it
 * aside before building the other), or {@code this} for the jar running, and the books' capacities (the
 * defaults, 8388608 orders, when left out; levels a quarter of the orders unless given). So
 * {@code this this:262144} compares the default capacities with compact ones in one build. Every build
 * must leave as many orders resting, or the run stops (exit 1). Exits 64 on bad usage.
 */
public final class PairedPasses
{
    private static final String USAGE = "usage: PairedPasses [--flow clustered|independent] [--rounds N] [--warmup N] " +
        "[--messages N] [--stocks N] [--launches N] [--reversed] [--clock wall|cpu] JAR|this[:MAX_ORDERS[:MAX_LEVELS]] ...";
    private static final int DEFAULT_MAX_ORDERS = 8_388_608;

    private PairedPasses()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        String flow = "clustered";
        int rounds = 60;
        int warmup = 15;
        int messages = 1_000_000;
        int stocks = 8000;
        int launches = 1;
        boolean reversed = false;
        boolean cpuTime = false;
        final List<String> specs = new ArrayList<>();
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--flow" -> flow = args[++i].toLowerCase(Locale.ROOT);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--messages" -> messages = Integer.parseInt(args[++i]);
                    case "--stocks" -> stocks = Integer.parseInt(args[++i]);
                    case "--launches" -> launches = Integer.parseInt(args[++i]);
                    case "--reversed" -> reversed = true;
                    case "--clock" -> cpuTime = isCpuClock(args[++i]);
                    default -> specs.add(args[i]);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            usage("bad option: " + ex.getMessage());
        }
        if (specs.isEmpty() || rounds < 4 || warmup < 0 || launches < 1 ||
            !("clustered".equals(flow) || "independent".equals(flow)))
        {
            usage(specs.isEmpty() ? "no build to run" : "bad --flow, --rounds (at least 4), --warmup or --launches");
        }
        if (launches > 1)
        {
            launch(args, launches, reversed, specs);
            return;
        }

        final int n = specs.size();
        final String[] names = new String[n];
        final LongSupplier[] passes = new LongSupplier[n];
        // the position a build is loaded, allocated and warmed in: its heap and code placement and when the
        // JIT gets to it. --launches reverses it every other launch, so that no build keeps the first place
        final int[] position = new int[n];
        for (int k = 0; k < n; k++)
        {
            position[k] = reversed ? n - 1 - k : k;
        }
        for (final int i : position)
        {
            final String spec = specs.get(i);
            final String[] parts = spec.split(":");
            int maxOrders = DEFAULT_MAX_ORDERS;
            int maxLevels = DEFAULT_MAX_ORDERS / 4;
            try
            {
                maxOrders = parts.length > 1 ? Integer.parseInt(parts[1]) : maxOrders;
                maxLevels = parts.length > 2 ? Integer.parseInt(parts[2]) : maxOrders / 4;
            }
            catch (final NumberFormatException ex)
            {
                usage("bad capacity in " + spec);
            }
            if (parts.length > 3 || maxOrders < 1 || maxLevels < 1)
            {
                usage("bad build " + spec + ": JAR[:MAX_ORDERS[:MAX_LEVELS]]");
            }
            names[i] = spec;
            passes[i] = load(parts[0], flow, messages, stocks, maxOrders, maxLevels, cpuTime);
        }

        for (int w = 0; w < warmup; w++)
        {
            for (final int i : position)
            {
                passes[i].getAsLong();
            }
        }
        final int resting = ((IntSupplier)passes[0]).getAsInt();
        for (int i = 1; i < n; i++)
        {
            final int other = ((IntSupplier)passes[i]).getAsInt();
            if (other != resting)
            {
                System.err.println("PairedPasses: " + names[i] + " left " + other + " orders resting, " + names[0] +
                    " " + resting + ": they do not build the same books");
                System.exit(1);
            }
        }

        final double[][] nsPerMessage = new double[n][rounds];
        final double[][] otherClock = new double[n][rounds];
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < n; k++)
            {
                final int i = position[0 == (r & 1) ? k : n - 1 - k];
                nsPerMessage[i][r] = passes[i].getAsLong() / (double)messages;
                otherClock[i][r] = ((DoubleSupplier)passes[i]).getAsDouble() / messages;
            }
            if (0 == (r + 1) % 10 || r + 1 == rounds)
            {
                System.err.printf(Locale.ROOT, "\rround %d/%d", r + 1, rounds);
            }
        }
        System.err.println();

        System.out.printf(Locale.ROOT, "%s flow, %,d messages, %d rounds after %d of warm-up, ns/message (%s)%s%n",
            flow, messages, rounds, warmup, cpuTime ? "thread CPU time" : "wall clock",
            reversed ? ", builds loaded and warmed last to first" : "");
        for (int i = 0; i < n; i++)
        {
            final double[] sorted = nsPerMessage[i].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-40s p10 %7.1f  p50 %7.1f  p90 %7.1f  max %7.1f%n",
                names[i], at(sorted, 0.10), at(sorted, 0.50), at(sorted, 0.90), sorted[rounds - 1]);
        }
        for (int i = 1; i < n; i++)
        {
            final double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                ratios[r] = nsPerMessage[i][r] / nsPerMessage[0][r];
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "%s%.3f (p25 %.3f, p75 %.3f)%n",
                ratioLabel(names[i], names[0]), at(ratios, 0.50), at(ratios, 0.25), at(ratios, 0.75));
            for (int r = 0; r < rounds; r++)
            {
                ratios[r] = otherClock[i][r] / otherClock[0][r];
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "%s%.3f (p25 %.3f, p75 %.3f)%n",
                otherLabel(names[i], names[0], cpuTime), at(ratios, 0.50), at(ratios, 0.25), at(ratios, 0.75));
        }
    }

    /**
     * Run the comparison in {@code launches} JVMs of this one's command line, one after another, and give
     * the ratio of each launch and their mean: each launch compiles each build afresh, and the JIT's
     * inlining decisions differ from launch to launch by a few percent, more than the rounds' noise.
     */
    private static void launch(
        final String[] args, final int launches, final boolean reversed, final List<String> specs)
        throws IOException, InterruptedException
    {
        final List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jvmArgs.contains("-XX:+AlwaysPreTouch"))
        {
            // this JVM has touched its whole heap already, and a launch would touch as much again
            usage("--launches starts each launch with this JVM's options: leave out -XX:+AlwaysPreTouch, or " +
                "this JVM's heap and a launch's are both resident at once");
        }
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PairedPasses.class.getName());
        for (int i = 0; i < args.length; i++)
        {
            if ("--launches".equals(args[i]))
            {
                i++;
            }
            else if (!"--reversed".equals(args[i]))
            {
                command.add(args[i]);
            }
        }

        final int n = specs.size();
        final double[][] ratios = new double[n][launches];
        final double[][] others = new double[n][launches];
        final boolean cpuTime = isCpuClock(clockOf(args));
        for (int k = 0; k < launches; k++)
        {
            final List<String> launch = new ArrayList<>(command);
            if (reversed != (1 == (k & 1)))
            {
                launch.add("--reversed");
            }
            final Process child = new ProcessBuilder(launch).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            final List<String> lines;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8)))
            {
                lines = out.lines().toList();
            }
            final int status = child.waitFor();
            System.out.printf(Locale.ROOT, "launch %d/%d%n", k + 1, launches);
            lines.forEach(System.out::println);
            if (0 != status)
            {
                System.err.println("PairedPasses: launch " + (k + 1) + " exited " + status);
                System.exit(status);
            }
            for (int i = 1; i < n; i++)
            {
                ratios[i][k] = ratioIn(lines, ratioLabel(specs.get(i), specs.get(0)));
                others[i][k] = ratioIn(lines, otherLabel(specs.get(i), specs.get(0), cpuTime));
            }
        }
        System.out.printf(Locale.ROOT, "over %d launches, median ratio of each:%n", launches);
        for (int i = 1; i < n; i++)
        {
            final double[] sum = new double[2];
            final StringBuilder each = new StringBuilder();
            for (int k = 0; k < launches; k++)
            {
                sum[k & 1] += ratios[i][k];
                each.append(k > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", ratios[i][k]));
            }
            System.out.printf(Locale.ROOT, "%s / %s: %s; mean %.3f%n", specs.get(i), specs.get(0), each,
                (sum[0] + sum[1]) / launches);
            if (launches > 1)
            {
                // a difference between these two is what the order of loading and warming does, not the builds
                System.out.printf(Locale.ROOT, "  launches in the given order: mean %.3f; in reverse order: mean %.3f%n",
                    sum[0] / ((launches + 1) / 2), sum[1] / (launches / 2));
            }
            final StringBuilder other = new StringBuilder();
            double otherSum = 0;
            for (int k = 0; k < launches; k++)
            {
                otherSum += others[i][k];
                other.append(k > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", others[i][k]));
            }
            System.out.printf(Locale.ROOT, "  %s: %s; mean %.3f%n", cpuTime ? "by the wall clock" : "by CPU time", other,
                otherSum / launches);
        }
    }

    /** The value of {@code --clock} in a command line, {@code wall} if it has none. */
    private static String clockOf(final String[] args)
    {
        for (int i = 0; i + 1 < args.length; i++)
        {
            if ("--clock".equals(args[i]))
            {
                return args[i + 1];
            }
        }
        return "wall";
    }

    /** What a launch prints before a build's median ratio by the other clock, read back as {@link #ratioLabel}. */
    private static String otherLabel(final String build, final String first, final boolean cpuTime)
    {
        return "  " + build + " / " + first + (cpuTime ? " by the wall clock" : " by CPU time") + ": median ratio ";
    }

    /** What a launch prints before a build's median ratio, and what {@link #launch} reads it back by. */
    private static String ratioLabel(final String build, final String first)
    {
        return build + " / " + first + ": median ratio ";
    }

    private static double ratioIn(final List<String> lines, final String prefix)
    {
        for (final String line : lines)
        {
            if (line.startsWith(prefix))
            {
                return Double.parseDouble(line.substring(prefix.length()).split(" ")[0]);
            }
        }
        throw new IllegalStateException("no line \"" + prefix + "...\" in a launch's output");
    }

    static double at(final double[] sorted, final double quantile)
    {
        return sorted[(int)Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))];
    }

    private static LongSupplier load(
        final String jar, final String flow, final int messages, final int stocks, final int maxOrders, final int maxLevels,
        final boolean cpuTime)
        throws Exception
    {
        URL url = null;
        try
        {
            url = BuildLoader.jarUrl(jar);
        }
        catch (final IOException ex)
        {
            usage(ex.getMessage());
        }
        final ClassLoader loader = new BuildLoader(url, PairedPass.class);
        return (LongSupplier)loader.loadClass(PairedPass.class.getName())
            .getConstructor(String.class, Integer.class, Integer.class, Integer.class, Integer.class, Boolean.class)
            .newInstance(flow, messages, stocks, maxOrders, maxLevels, cpuTime);
    }

    static boolean isCpuClock(final String clock)
    {
        return switch (clock)
        {
            case "cpu" -> true;
            case "wall" -> false;
            default -> throw new IllegalArgumentException("--clock " + clock + ": wall or cpu");
        };
    }

    private static void usage(final String why)
    {
        System.err.println("PairedPasses: " + why);
        System.err.println(USAGE);
        System.exit(64);
    }

    /**
     * A build's own classes, from its jar alone (the platform's above it, not this jar's), except the
     * side class ({@link PairedPass}, {@link OutputPass}), which it defines from this jar's bytes: so older
     * builds need not have it.
     */
    static final class BuildLoader extends URLClassLoader
    {
        private final Class<?> side;

        BuildLoader(final URL jar, final Class<?> side)
        {
            super(new URL[]{jar}, ClassLoader.getPlatformClassLoader());
            this.side = side;
        }

        /**
         * @param jar a build's jar, or {@code this} for the jar running.
         * @return its URL.
         * @throws IOException when the jar cannot be read.
         */
        static URL jarUrl(final String jar) throws IOException
        {
            if ("this".equals(jar))
            {
                return PairedPasses.class.getProtectionDomain().getCodeSource().getLocation();
            }
            final Path path = Path.of(jar);
            if (!Files.isReadable(path))
            {
                throw new IOException("cannot read " + jar);
            }
            return path.toUri().toURL();
        }

        @Override
        protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException
        {
            if (!side.getName().equals(name))
            {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name))
            {
                Class<?> loaded = findLoadedClass(name);
                if (null == loaded)
                {
                    final byte[] bytes;
                    try (InputStream in = side.getResourceAsStream(side.getSimpleName() + ".class"))
                    {
                        bytes = in.readAllBytes();
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                return loaded;
            }
        }
    }
}
