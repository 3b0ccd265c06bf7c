package org.feedhandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real exchange bytes in {@code shared/data/real}, which sits beside the project's
 * checkout (and beside CI's clone): walk up from the working directory until an ancestor holds it.
 */
public final class TestData
{
    private static final Path REAL = locate();

    private static Path locate()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir)
        {
            final Path candidate = dir.resolve("shared").resolve("data").resolve("real");
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/data/real not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * @param name a file in shared/data/real.
     * @return its path.
     */
    public static Path real(final String name)
    {
        final Path path = REAL.resolve(name);
        if (!Files.isRegularFile(path))
        {
            throw new IllegalStateException("missing real data file " + path);
        }
        return path;
    }

    /**
     * @param name a file in shared/data/real.
     * @return its bytes.
     */
    public static byte[] realBytes(final String name)
    {
        try
        {
            return Files.readAllBytes(real(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private TestData()
    {
    }
}
