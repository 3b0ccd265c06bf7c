package org.feedhandler.bench;

import org.feedhandler.config.JvmFlags;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs JMH with the project's JVM flags prepended to every fork's. The flags are defined once, in the
 * parent POM ({@code feed.jvm.flags}); the build filters them into a classpath resource that
 * {@link JvmFlags} reads. Forks do not read a jar manifest, and an annotation
 * cannot read a file, so this is the one place they enter JMH. Takes JMH's usual arguments.
 */
public final class BenchMain
{
    public static void main(final String[] args) throws RunnerException, IOException
    {
        final CommandLineOptions cmd;
        try
        {
            cmd = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            System.err.println("bench: " + ex.getMessage());
            System.exit(64);
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers() ||
            cmd.shouldListResultFormats())
        {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        // prepended, not appended: an option given here replaces the same attribute of a benchmark's
        // @Fork, and DecodeBookBenchmark's @Fork(jvmArgsAppend = "-Xms4g ...") must survive. The
        // project's flags first, then the user's own -jvmArgsPrepend (which setting ours would replace)
        final List<String> prepend = new ArrayList<>(JvmFlags.project());
        if (cmd.getJvmArgsPrepend().hasValue())
        {
            prepend.addAll(cmd.getJvmArgsPrepend().get());
        }
        final Options options = new OptionsBuilder()
            .parent(cmd)
            .jvmArgsPrepend(prepend.toArray(new String[0]))
            .build();
        new Runner(options).run();
    }

    private BenchMain()
    {
    }
}
