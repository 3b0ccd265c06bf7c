package org.feedhandler.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags the project needs on Java 17 (Agrona's and chronicle-core's --add-exports and
 * --add-opens). They are defined once, as {@code feed.jvm.flags} in the parent POM; the build filters
 * them into the classpath resource {@value #RESOURCE}, which this class reads for every JVM the
 * project starts itself: the demo's simulator, JMH forks, tests' child processes.
 */
public final class JvmFlags
{
    public static final String RESOURCE = "org/feedhandler/jvm.flags";

    private JvmFlags()
    {
    }

    /**
     * @return the project's JVM flags.
     * @throws IOException           when the resource cannot be read.
     * @throws IllegalStateException when the build did not put the resource on the class path.
     */
    public static List<String> project() throws IOException
    {
        try (InputStream in = JvmFlags.class.getClassLoader().getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("classpath resource " + RESOURCE +
                    " missing: rebuild with 'mvn package' (it is filtered from the parent POM's feed.jvm.flags)");
            }
            final String flags = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
        }
    }

    /**
     * A second JVM like this one: the same java binary and class path, the project's flags.
     *
     * @param mainClass the class to run.
     * @param args      its arguments.
     * @return the process builder, not started.
     * @throws IOException when the flags cannot be read.
     */
    public static ProcessBuilder childJvm(final Class<?> mainClass, final List<String> args) throws IOException
    {
        final String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(project());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return new ProcessBuilder(command);
    }
}
