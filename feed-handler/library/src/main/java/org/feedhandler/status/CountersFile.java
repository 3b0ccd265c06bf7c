package org.feedhandler.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.agrona.IoUtil;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The writer's side of the memory-mapped counters file: creates it, owns the {@link CountersManager} over it,
 * beats the heartbeat, and deletes the file at a clean {@link #close()}. A crash leaves the file behind for
 * post-mortem with {@code feed-handler stat}; the next writer replaces it once its writer is seen dead.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   magic 'FHCT' (0x54434846 LE)                |   0
 *  |                   version, written last (0 = initialising)    |   4
 *  |                   metadata buffer length                      |   8
 *  |                   values buffer length                        |  12
 *  |                   writer PID                                  |  16
 *  |                                                               |
 *  |                   writer start time, epoch ms                 |  24
 *  |                                                               |
 *  |                   heartbeat, epoch ms (release store)         |  32
 *  |                                                               |
 *  |                   reserved to 128                             |  40
 *  +---------------------------------------------------------------+
 *  |      counters metadata: 512 bytes per counter (Agrona)        | 128
 *  +---------------------------------------------------------------+
 *  |      counters values: 128 bytes per counter (Agrona)          |
 *  +---------------------------------------------------------------+
 * </pre>
 * All fields little-endian (native order on the platforms the handler runs on, as Agrona's counters are).
 */
public final class CountersFile implements AutoCloseable
{
    public static final int MAGIC = 0x54434846; // "FHCT" read little-endian
    public static final int VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int METADATA_LENGTH_OFFSET = 8;
    public static final int VALUES_LENGTH_OFFSET = 12;
    public static final int PID_OFFSET = 16;
    public static final int START_TIME_OFFSET = 24;
    public static final int HEARTBEAT_OFFSET = 32;
    public static final int HEADER_LENGTH = 128;

    /** Counters the file has room for by default. */
    public static final int DEFAULT_MAX_COUNTERS = 256;

    /** A writer whose heartbeat is older than this is taken as dead. */
    public static final long DEFAULT_LIVENESS_TIMEOUT_MS = 5_000;

    private final Path file;
    private final EpochClock clock;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersManager countersManager;
    private final List<Path> createdDirectories;
    private final Object fileKey;
    private boolean closed;

    private CountersFile(
        final Path file, final EpochClock clock, final int maxCounters, final List<Path> createdDirectories)
    {
        this.file = file;
        this.clock = clock;
        this.createdDirectories = createdDirectories;

        final int metadataLength = maxCounters * CountersReader.METADATA_LENGTH;
        final int valuesLength = maxCounters * CountersReader.COUNTER_LENGTH;
        mapped = IoUtil.mapNewFile(file.toFile(), (long)HEADER_LENGTH + metadataLength + valuesLength, true);
        header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final UnsafeBuffer metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        final UnsafeBuffer values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);

        final long now = clock.time();
        header.putInt(MAGIC_OFFSET, MAGIC, ByteOrder.LITTLE_ENDIAN);
        header.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_TIME_OFFSET, now);
        header.putLongRelease(HEARTBEAT_OFFSET, now);
        header.putIntRelease(VERSION_OFFSET, VERSION);

        countersManager = new CountersManager(metadata, values, StandardCharsets.US_ASCII);
        fileKey = fileKey(file);
    }

    private static Object fileKey(final Path file)
    {
        try
        {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * Create the counters file, replacing one left by a dead writer.
     *
     * @param file        where ({@code feed.counters.file}); its directory is created when missing.
     * @param maxCounters room for this many counters.
     * @param clock       for the start time and the heartbeat.
     * @return the mapped file with an empty counters manager.
     * @throws IllegalStateException when a live writer still owns the file.
     * @throws UncheckedIOException  when the file cannot be created.
     */
    public static CountersFile create(final Path file, final int maxCounters, final EpochClock clock)
    {
        if (maxCounters < 1)
        {
            throw new IllegalArgumentException("maxCounters " + maxCounters + " < 1");
        }
        try
        {
            final List<Path> createdDirectories = createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file))
            {
                replaceDead(file, clock.time());
            }
            return new CountersFile(file, clock, maxCounters, createdDirectories);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create counters file " + file, ex);
        }
    }

    /**
     * Create the missing directories of a path, remembering which, deepest first, so close can remove them.
     */
    private static List<Path> createDirectories(final Path directory) throws IOException
    {
        final List<Path> missing = new ArrayList<>();
        for (Path dir = directory; null != dir && !Files.isDirectory(dir); dir = dir.getParent())
        {
            missing.add(dir);
        }
        if (null != directory)
        {
            Files.createDirectories(directory);
        }
        return missing;
    }

    private static void replaceDead(final Path file, final long nowMs) throws IOException
    {
        try (CountersFileReader previous = CountersFileReader.open(file))
        {
            if (previous.isWriterAlive(nowMs, DEFAULT_LIVENESS_TIMEOUT_MS))
            {
                throw new IllegalStateException("counters file " + file + " belongs to a live writer, pid " +
                    previous.pid() + " (heartbeat " + previous.heartbeatAgeMs(nowMs) + " ms ago); " +
                    "is another feed-handler running? set feed.counters.file to another path");
            }
        }
        catch (final CountersFileReader.NotACountersFileException ex)
        {
            // a torn or foreign file: nothing live to protect, replace it
        }
        Files.deleteIfExists(file);
    }

    /**
     * @return the manager to allocate counters with (see {@link FeedCounters}).
     */
    public CountersManager countersManager()
    {
        return countersManager;
    }

    /**
     * Tell readers the writer is alive: store the clock's time, with release semantics. Call from a
     * non-critical thread at least once per second ({@link StatusAgent} does).
     *
     * @return the time stored.
     */
    public long heartbeat()
    {
        final long now = clock.time();
        header.putLongRelease(HEARTBEAT_OFFSET, now);
        return now;
    }

    public long heartbeatMs()
    {
        return header.getLongVolatile(HEARTBEAT_OFFSET);
    }

    public long startTimeMs()
    {
        return header.getLong(START_TIME_OFFSET);
    }

    public Path file()
    {
        return file;
    }

    /**
     * Clean shutdown: unmap and delete the file, and the directories {@link #create} made for it when they
     * are empty, so nothing is left behind. Idempotent.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapped);
            try
            {
                // a writer taken for dead and replaced must not delete its successor's file
                final Object currentKey = fileKey(file);
                if (null == fileKey || null == currentKey || fileKey.equals(currentKey))
                {
                    Files.deleteIfExists(file);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete counters file " + file, ex);
            }
            for (final Path dir : createdDirectories)
            {
                try
                {
                    Files.deleteIfExists(dir);
                }
                catch (final IOException ex)
                {
                    break; // not empty any more (another writer, another file): leave it and its parents
                }
            }
        }
    }
}
