package org.feedhandler.preflight;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one way the preflight reads {@code /proc} and {@code /sys}: every path is absolute as on the
 * host ({@code /proc/sys/vm/swappiness}) and is resolved under a root, {@code /} on a live host or a
 * directory holding a snapshot ({@code --host-root}).
 * <p>
 * <b>The one-byte trap.</b> On JDK 17, {@code Files.readAllBytes} and {@code Files.readString}
 * return one byte for {@code /proc/sys/*} files ({@code vm.swappiness=60} reads as {@code 6}):
 * those files report size 0 and a read at a non-zero offset returns end-of-file. This class
 * therefore reads with {@link InputStream#read(byte[])} into a 4096-byte buffer: a {@code /proc/sys}
 * value arrives whole in that first read. Larger files ({@code /proc/cpuinfo}, {@code numa_maps})
 * are read on with further sequential reads until end-of-file. Nothing else in the package may
 * read these files (a test scans the sources for {@code readAllBytes} and {@code readString}).
 */
public final class HostFiles
{
    /** Size of the first (and for /proc/sys the only) read. */
    public static final int READ_BUFFER_SIZE = 4096;

    private final Path root;
    private final boolean liveHost;

    private HostFiles(final Path root, final boolean liveHost)
    {
        this.root = root;
        this.liveHost = liveHost;
    }

    /**
     * @return files of the host this process runs on.
     */
    public static HostFiles live()
    {
        return new HostFiles(Path.of("/"), true);
    }

    /**
     * @param root a directory holding {@code proc/...} and {@code sys/...} as on a host.
     * @return files under that root; not the live host, so external commands are not run.
     */
    public static HostFiles under(final Path root)
    {
        final Path absolute = root.toAbsolutePath().normalize();
        return new HostFiles(absolute, "/".equals(absolute.toString()));
    }

    /**
     * @return true when reading the host this process runs on (root {@code /}): only then may checks
     * run commands ({@code ethtool}) or probe sockets.
     */
    public boolean isLiveHost()
    {
        return liveHost;
    }

    public Path root()
    {
        return root;
    }

    /**
     * @param hostPath an absolute host path.
     * @return where it is under the root.
     */
    public Path resolve(final String hostPath)
    {
        final String relative = hostPath.startsWith("/") ? hostPath.substring(1) : hostPath;
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    public boolean exists(final String hostPath)
    {
        return Files.exists(resolve(hostPath));
    }

    public boolean isDirectory(final String hostPath)
    {
        return Files.isDirectory(resolve(hostPath));
    }

    /**
     * Read a whole file: first one {@code read} into a {@value #READ_BUFFER_SIZE}-byte buffer, then
     * sequential reads until end-of-file.
     *
     * @param hostPath an absolute host path.
     * @return the content, or null when the file is absent or unreadable.
     */
    public String read(final String hostPath)
    {
        return readPath(resolve(hostPath));
    }

    /**
     * @param hostPath an absolute host path.
     * @return the content without surrounding white space, or null when absent or unreadable.
     */
    public String readTrimmed(final String hostPath)
    {
        final String content = read(hostPath);
        return null == content ? null : content.trim();
    }

    /**
     * Read any file the trap-proof way.
     *
     * @param file the file.
     * @return its content as UTF-8, or null when absent or unreadable.
     */
    public static String readPath(final Path file)
    {
        try (InputStream in = Files.newInputStream(file))
        {
            byte[] buffer = new byte[READ_BUFFER_SIZE];
            int length = 0;
            int n;
            while ((n = in.read(buffer, length, buffer.length - length)) > 0)
            {
                length += n;
                if (length == buffer.length)
                {
                    final byte[] bigger = new byte[buffer.length * 2];
                    System.arraycopy(buffer, 0, bigger, 0, length);
                    buffer = bigger;
                }
            }
            return new String(buffer, 0, length, StandardCharsets.UTF_8);
        }
        catch (final IOException | SecurityException ex)
        {
            return null;
        }
    }

    /**
     * @param hostDir an absolute host directory.
     * @return the names in it, sorted; empty when absent.
     */
    public List<String> list(final String hostDir)
    {
        final List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(resolve(hostDir)))
        {
            for (final Path entry : dir)
            {
                names.add(entry.getFileName().toString());
            }
        }
        catch (final IOException | SecurityException ex)
        {
            return Collections.emptyList();
        }
        Collections.sort(names);
        return names;
    }

    /**
     * Follow symbolic links ({@code /sys/class/net/eth0/device}) and give the result as a host path,
     * so a snapshot with relative links resolves inside its root.
     *
     * @param hostPath an absolute host path.
     * @return the canonical host path, or null when it does not exist or leaves the root.
     */
    public String realPath(final String hostPath)
    {
        try
        {
            final Path real = resolve(hostPath).toRealPath();
            final Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot))
            {
                return null;
            }
            return "/" + realRoot.relativize(real).toString();
        }
        catch (final IOException | SecurityException ex)
        {
            return null;
        }
    }

    public String toString()
    {
        return root.toString();
    }
}
