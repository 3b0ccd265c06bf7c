package org.feedhandler.protocol;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file seen through one memory-mapped window at a time, so a reader's memory stays constant
 * whatever the file size and nothing is allocated per record. The window is remapped at the offset a
 * reader asks for when the bytes it needs are not all inside the current one, so a record that
 * straddles a window boundary starts the next window.
 * <p>
 * A file that shrinks while mapped turns reads past its new end into a fault the JVM raises as an
 * {@link InternalError}; {@link #shrunk(Throwable)} tells that apart from a bug, and readers turn it into
 * a {@link FileShrankException}.
 * <p>
 * Not thread safe: one thread maps, reads and closes.
 */
public final class MappedFileWindow implements AutoCloseable
{
    private final Path path;
    private final FileChannel channel;
    private final long fileLength;
    private final long maxWindowLength;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private MappedByteBuffer mapped;
    private long start;
    private long end;

    private MappedFileWindow(final Path path, final FileChannel channel, final long maxWindowLength)
        throws IOException
    {
        this.path = path;
        this.channel = channel;
        this.fileLength = channel.size();
        this.maxWindowLength = maxWindowLength;
    }

    /**
     * Open a file; nothing is mapped until {@link #ensureMapped(long, long)}.
     *
     * @param path            the file.
     * @param maxWindowLength the most bytes mapped at once, at most {@link Integer#MAX_VALUE}.
     * @return the window.
     * @throws IOException when the file cannot be opened.
     */
    public static MappedFileWindow open(final Path path, final long maxWindowLength) throws IOException
    {
        if (maxWindowLength < 1 || maxWindowLength > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("window length out of range [1, " + Integer.MAX_VALUE + "]: " +
                maxWindowLength);
        }
        final FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try
        {
            return new MappedFileWindow(path, channel, maxWindowLength);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * Map the window so that {@code [offset, offset + length)} lies inside it, unless it already does.
     *
     * @param offset in the file.
     * @param length bytes needed from the offset, within the file and at most the window length.
     * @return true when the window moved, so indexes into {@link #buffer()} must be recomputed.
     * @throws FileShrankException when the file is now shorter than at open.
     * @throws IOException         when mapping fails.
     */
    public boolean ensureMapped(final long offset, final long length) throws IOException
    {
        if (null != mapped && offset >= start && offset + length <= end)
        {
            return false;
        }
        unmap();
        final long windowLength = Math.min(maxWindowLength, fileLength - offset);
        try
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, offset, windowLength);
        }
        catch (final IOException ex)
        {
            final FileShrankException shrank = shrunk(ex);
            throw null != shrank ? shrank : ex;
        }
        buffer.wrap(mapped, 0, (int)windowLength);
        start = offset;
        end = offset + windowLength;
        return true;
    }

    /**
     * @param cause what reading or mapping threw.
     * @return a {@link FileShrankException} when the file is now shorter than at open (the cause is then
     * its consequence, not a bug), or null.
     */
    public FileShrankException shrunk(final Throwable cause)
    {
        long now;
        try
        {
            now = channel.size();
        }
        catch (final IOException ex)
        {
            now = -1;
        }
        if (now >= fileLength)
        {
            return null;
        }
        final FileShrankException ex = new FileShrankException(path, fileLength, now);
        if (null != cause)
        {
            ex.initCause(cause);
        }
        return ex;
    }

    /**
     * For a reader that reached what looks like the end of its data: past a file's new end, inside the
     * last mapped page, reads see zeros rather than a fault, which can look like an end marker.
     *
     * @throws FileShrankException when the file is now shorter than at open.
     */
    public void checkNotShrunk() throws FileShrankException
    {
        final FileShrankException shrank = shrunk(null);
        if (null != shrank)
        {
            throw shrank;
        }
    }

    /**
     * For a reader's {@code catch (InternalError)} around its reads, handlers' reads included.
     *
     * @param fault what a read of the mapped window threw.
     * @return the {@link FileShrankException} to throw when the file shrank.
     * @throws InternalError the fault itself when the file did not shrink: then it is a bug.
     */
    public FileShrankException shrunkOrRethrow(final InternalError fault)
    {
        final FileShrankException shrank = shrunk(fault);
        if (null == shrank)
        {
            throw fault;
        }
        return shrank;
    }

    /**
     * @return the view of the mapped window; index 0 is the file's byte {@link #start()}.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param offset in the file, inside the window.
     * @return the index of that byte in {@link #buffer()}.
     */
    public int index(final long offset)
    {
        return (int)(offset - start);
    }

    /**
     * @return the file offset of the window's first byte.
     */
    public long start()
    {
        return start;
    }

    /**
     * @return the file offset just past the window's last byte.
     */
    public long end()
    {
        return end;
    }

    /**
     * @return the file's length in bytes, taken at open.
     */
    public long fileLength()
    {
        return fileLength;
    }

    public Path path()
    {
        return path;
    }

    /**
     * Unmap the window and close the file. Idempotent.
     *
     * @throws IOException when closing the file fails.
     */
    public void close() throws IOException
    {
        unmap();
        channel.close();
    }

    private void unmap()
    {
        if (null != mapped)
        {
            buffer.wrap(0, 0);
            IoUtil.unmap(mapped);
            mapped = null;
            start = 0;
            end = 0;
        }
    }
}
