package org.feedhandler.status;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * Reads a counters file written by {@link CountersFile}, typically from another process: maps it read-only,
 * checks its header, and exposes the writer's PID, start time and heartbeat and a {@link CountersReader}.
 * The values are live: each read sees the writer's latest published value.
 */
public final class CountersFileReader implements AutoCloseable
{
    /** The file is not, or not yet, a counters file: too short, wrong magic, unknown version. */
    public static final class NotACountersFileException extends IOException
    {
        private static final long serialVersionUID = 1L;

        public NotACountersFileException(final String message)
        {
            super(message);
        }
    }

    private final Path file;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersReader countersReader;

    private CountersFileReader(final Path file, final MappedByteBuffer mapped) throws NotACountersFileException
    {
        this.file = file;
        this.mapped = mapped;
        final long length = mapped.capacity();
        if (length < CountersFile.HEADER_LENGTH)
        {
            throw new NotACountersFileException(file + ": not a counters file (" + length + " bytes, header needs " +
                CountersFile.HEADER_LENGTH + ")");
        }
        header = new UnsafeBuffer(mapped, 0, CountersFile.HEADER_LENGTH);
        final int magic = header.getInt(CountersFile.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (0 == magic)
        {
            throw new NotACountersFileException(file + ": the counters file is empty (the writer is still " +
                "creating it, or this is not a counters file)");
        }
        if (CountersFile.MAGIC != magic)
        {
            throw new NotACountersFileException(file + ": not a counters file (magic " +
                String.format("0x%08x", magic) + ")");
        }
        final int version = header.getIntVolatile(CountersFile.VERSION_OFFSET);
        if (CountersFile.VERSION != version)
        {
            throw new NotACountersFileException(file + ": " + (0 == version ?
                "the writer is still initialising it" : "version " + version + ", expected " + CountersFile.VERSION));
        }
        final int metadataLength = header.getInt(CountersFile.METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(CountersFile.VALUES_LENGTH_OFFSET);
        if (metadataLength <= 0 || valuesLength <= 0 ||
            (long)CountersFile.HEADER_LENGTH + metadataLength + valuesLength > length)
        {
            throw new NotACountersFileException(file + ": counters file header claims " + metadataLength + " + " +
                valuesLength + " bytes of counters, the file has " + (length - CountersFile.HEADER_LENGTH));
        }
        countersReader = new CountersReader(
            new UnsafeBuffer(mapped, CountersFile.HEADER_LENGTH, metadataLength),
            new UnsafeBuffer(mapped, CountersFile.HEADER_LENGTH + metadataLength, valuesLength),
            StandardCharsets.US_ASCII);
    }

    /**
     * Map a counters file read-only.
     *
     * @param file the counters file.
     * @return the reader.
     * @throws NoSuchFileException       when there is no file.
     * @throws NotACountersFileException when the file is not a complete counters file of this version.
     * @throws IOException               when it cannot be mapped.
     */
    public static CountersFileReader open(final Path file) throws IOException
    {
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        try
        {
            return new CountersFileReader(file, mapped);
        }
        catch (final NotACountersFileException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
    }

    public Path file()
    {
        return file;
    }

    public int version()
    {
        return header.getIntVolatile(CountersFile.VERSION_OFFSET);
    }

    public long pid()
    {
        return header.getLong(CountersFile.PID_OFFSET);
    }

    public long startTimeMs()
    {
        return header.getLong(CountersFile.START_TIME_OFFSET);
    }

    public long heartbeatMs()
    {
        return header.getLongVolatile(CountersFile.HEARTBEAT_OFFSET);
    }

    /**
     * @param nowMs the reader's wall clock, epoch ms.
     * @return milliseconds since the writer's last heartbeat.
     */
    public long heartbeatAgeMs(final long nowMs)
    {
        return nowMs - heartbeatMs();
    }

    /**
     * A writer is alive when its process exists and its heartbeat is recent: the PID alone could be reused,
     * the heartbeat alone cannot tell a hung writer from a slow reader clock.
     *
     * @param nowMs     the reader's wall clock, epoch ms.
     * @param timeoutMs heartbeat age above which the writer is taken as dead.
     * @return true when the writer looks alive.
     */
    public boolean isWriterAlive(final long nowMs, final long timeoutMs)
    {
        return heartbeatAgeMs(nowMs) <= timeoutMs && isProcessAlive(pid());
    }

    static boolean isProcessAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * @return the counters, read live.
     */
    public CountersReader countersReader()
    {
        return countersReader;
    }

    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
