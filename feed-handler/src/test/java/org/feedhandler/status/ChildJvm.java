package org.feedhandler.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a second JVM on this test's class path with the project's JVM flags, read from the classpath
 * resource {@code org/feedhandler/jvm.flags} that the build filters from the parent POM's
 * {@code feed.jvm.flags}: the one place they are defined.
 */
public final class ChildJvm
{
    static final String JVM_FLAGS_RESOURCE = "org/feedhandler/jvm.flags";

    private ChildJvm()
    {
    }

    public static List<String> jvmFlags() throws IOException
    {
        try (InputStream in = ChildJvm.class.getClassLoader().getResourceAsStream(JVM_FLAGS_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("classpath resource " + JVM_FLAGS_RESOURCE +
                    " missing: run 'mvn process-resources'");
            }
            final String flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
        }
    }

    public static ProcessBuilder builder(final Class<?> mainClass, final String... args) throws IOException
    {
        final String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command);
    }
}
