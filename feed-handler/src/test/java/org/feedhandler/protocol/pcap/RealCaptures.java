package org.feedhandler.protocol.pcap;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's real exchange captures in {@code shared/data/real}, which sits beside the repository
 * (or one of its ancestors) rather than inside it: walk up from the working directory until an ancestor has
 * {@code shared/data/real} in it.
 */
final class RealCaptures
{
    static final String REAL_DATA = "shared/data/real";

    private RealCaptures()
    {
    }

    static Path dir()
    {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (null != dir)
        {
            final Path candidate = dir.resolve(REAL_DATA);
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
            REAL_DATA + " not found beside any ancestor of " + System.getProperty("user.dir"));
    }

    static Path file(final String name)
    {
        final Path file = dir().resolve(name);
        if (!Files.isRegularFile(file))
        {
            throw new IllegalStateException("missing real capture " + file);
        }
        return file;
    }
}
