package org.feedhandler.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs JMH with the project's JVM flags appended to every fork. The flags are defined once, in the
 * parent POM ({@code feed.jvm.flags}); the build filters them into the classpath resource
 * {@code org/feedhandler/jvm.flags}, read here. Forks do not read a jar manifest, and an annotation
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
        final Options options = new OptionsBuilder()
            .parent(cmd)
            .jvmArgsAppend(jvmFlags())
            .build();
        new Runner(options).run();
    }

    /**
     * @return the project's JVM flags, split on white space.
     * @throws IOException when the resource cannot be read.
     */
    public static String[] jvmFlags() throws IOException
    {
        try (InputStream in = BenchMain.class.getClassLoader().getResourceAsStream("org/feedhandler/jvm.flags"))
        {
            if (null == in)
            {
                throw new IOException("org/feedhandler/jvm.flags missing from the classpath: rebuild with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
        }
    }

    private BenchMain()
    {
    }
}
