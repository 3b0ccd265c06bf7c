package org.feedhandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real exchange bytes the tests read: verbatim copies of the workspace's {@code shared/data/real}
 * files, kept in {@code src/test/resources/real} (see its README for provenance) so that a clone
 * anywhere can run the tests. {@code TestDataTest} checks them against the originals' checksums.
 */
public final class TestData
{
    private static final Path REAL = locate();

    private static Path locate()
    {
        final URL url = TestData.class.getResource("/real/SHA256SUMS");
        if (null == url)
        {
            throw new IllegalStateException("real/SHA256SUMS not on the test classpath (src/test/resources/real)");
        }
        try
        {
            return Path.of(url.toURI()).getParent();
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(url.toString(), ex);
        }
    }

    /**
     * @return the directory of the real data files.
     */
    public static Path realDirectory()
    {
        return REAL;
    }

    /**
     * @param name a file in src/test/resources/real.
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
     * @param name a file in src/test/resources/real.
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
