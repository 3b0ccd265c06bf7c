package org.feedhandler.preflight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The host snapshots under src/test/resources/preflight, read in place (their symlinks are relative,
 * as in a real /sys), and copies of them to change one file.
 */
final class Fixtures
{
    /** A JVM launched as the README says. */
    static final List<String> TUNED_JVM = List.of(
        "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "-XX:+UnlockDiagnosticVMOptions",
        "-XX:GuaranteedSafepointInterval=0");

    /** A JVM launched with nothing. */
    static final List<String> PLAIN_JVM = List.of();

    private Fixtures()
    {
    }

    static Path root(final String name)
    {
        final Path root = Path.of("src/test/resources/preflight", name);
        if (!Files.isDirectory(root))
        {
            throw new IllegalStateException("no fixture " + root.toAbsolutePath());
        }
        return root;
    }

    /**
     * @return options for a fixture, with a tuned JVM and no external commands.
     */
    static PreflightOptions options(final String name, final String cpus, final String nic)
    {
        return new PreflightOptions()
            .hostRoot(root(name))
            .cpus(CpuSet.parseList(cpus), "--cpus")
            .interfaceName(nic)
            .receiveBufferBytes(4 * 1024 * 1024)
            .multicastGroups(1)
            .jvm(JvmFacts.fromArguments(TUNED_JVM));
    }

    /**
     * Copy a fixture (symlinks as symlinks) into dir.
     */
    static Path copy(final String name, final Path dir)
    {
        final Path source = root(name);
        try
        {
            Files.walkFileTree(source, new SimpleFileVisitor<>()
            {
                public FileVisitResult preVisitDirectory(final Path d, final BasicFileAttributes attrs)
                    throws IOException
                {
                    Files.createDirectories(dir.resolve(source.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    final Path target = dir.resolve(source.relativize(file).toString());
                    if (Files.isSymbolicLink(file))
                    {
                        Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                    }
                    else
                    {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return dir;
    }

    static void write(final Path root, final String hostPath, final String content)
    {
        try
        {
            final Path file = root.resolve(hostPath.substring(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void delete(final Path root, final String hostPath)
    {
        try
        {
            final Path target = root.resolve(hostPath.substring(1));
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))
            {
                try (var walk = Files.walk(target))
                {
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p ->
                    {
                        try
                        {
                            Files.delete(p);
                        }
                        catch (final IOException ex)
                        {
                            throw new UncheckedIOException(ex);
                        }
                    });
                }
            }
            else
            {
                Files.deleteIfExists(target);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
