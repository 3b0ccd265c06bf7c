package org.feedhandler.protocol.binaryfile;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.BlockHandler;
import org.feedhandler.protocol.MessageHandler;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Streams a BinaryFILE (Nasdaq's historical day-file format) through a {@link MessageHandler}, one
 * record a call, or a {@link BlockHandler}, a run of records a call.
 * <pre>
 *   +--------------+---------------------+--------------+-----------  ...  +--------+
 *   | u16 length N | N bytes: 1 message  | u16 length M | M bytes ...       | 0x0000 |
 *   +--------------+---------------------+--------------+-----------  ...  +--------+
 *                                                              length 0 = end of session
 * </pre>
 * A real day file holds several hundred million messages, so the file is memory-mapped one window
 * at a time (default 256 MiB; a record that straddles a window boundary starts the next window):
 * memory stays constant whatever the file size. Records are numbered from 1 and the number is
 * passed as the sequence number.
 * <p>
 * A file that ends inside a record is reported: {@link #truncated()} and {@link #truncatedOffset()}
 * give the byte offset where the cut record starts; everything before it has been delivered.
 */
public final class BinaryFileReader implements AutoCloseable
{
    public static final int DEFAULT_WINDOW = 256 * 1024 * 1024;

    private final FileChannel channel;
    private final long fileSize;
    private final int windowSize;
    private final UnsafeBuffer window = new UnsafeBuffer(0, 0);
    private MappedByteBuffer mapped;
    private long windowStart;
    private int windowLength;

    private long position;
    private long records;
    private boolean endOfSession;
    private boolean truncated;
    private long truncatedOffset = -1;
    private long trailingBytes;

    private BinaryFileReader(final FileChannel channel, final int windowSize) throws IOException
    {
        this.channel = channel;
        this.fileSize = channel.size();
        this.windowSize = windowSize;
    }

    /**
     * Open a file for reading.
     *
     * @param file the BinaryFILE.
     * @return the reader.
     * @throws IOException when the file cannot be opened.
     */
    public static BinaryFileReader open(final Path file) throws IOException
    {
        return open(file, DEFAULT_WINDOW);
    }

    /**
     * Open a file with a given mapping window (tests use small windows to cross boundaries).
     *
     * @param file       the BinaryFILE.
     * @param windowSize bytes mapped at once, at least 65537 so the largest record fits.
     * @return the reader.
     * @throws IOException when the file cannot be opened.
     */
    public static BinaryFileReader open(final Path file, final int windowSize) throws IOException
    {
        if (windowSize < BlockHandler.LENGTH_PREFIX + 0xFFFF)
        {
            throw new IllegalArgumentException("window must hold the largest record: " + windowSize);
        }
        return new BinaryFileReader(FileChannel.open(file, StandardOpenOption.READ), windowSize);
    }

    /**
     * Deliver up to {@code limit} records.
     *
     * @param handler receives each message with its record number.
     * @param limit   the most records to deliver in this call.
     * @return records delivered; 0 once the file is done (see {@link #isDone()}).
     * @throws IOException when mapping fails.
     */
    public int poll(final MessageHandler handler, final int limit) throws IOException
    {
        int delivered = 0;
        int length;
        while (delivered < limit && (length = nextRecord()) > 0)
        {
            records++;
            handler.onMessage(window, (int)(position - windowStart) + BlockHandler.LENGTH_PREFIX, length, records);
            position += BlockHandler.LENGTH_PREFIX + length;
            delivered++;
        }
        return delivered;
    }

    /**
     * Deliver up to {@code limit} records as runs: each call of the handler gets every whole record the
     * mapped window holds from the current one on, so its loop, not a call per record, walks them
     * (see {@link BlockHandler}). Truncation, end of session and window boundaries are handled here
     * exactly as by {@link #poll}.
     *
     * @param handler takes runs of records.
     * @param limit   the most records to deliver in this call.
     * @return records delivered; 0 once the file is done (see {@link #isDone()}).
     * @throws IOException           when mapping fails.
     * @throws IllegalStateException when the handler takes no record of a run that starts with a whole
     *                               one, against {@link BlockHandler}'s contract: stopping there
     *                               would end the read mid-file as if it were done.
     */
    public int pollBlocks(final BlockHandler handler, final int limit) throws IOException
    {
        int delivered = 0;
        int length;
        while (delivered < limit && (length = nextRecord()) > 0)
        {
            final int offset = (int)(position - windowStart);
            final int consumed = handler.onBlocks(window, offset, windowLength - offset, limit - delivered);
            final int count = handler.lastBlockCount();
            if (0 == count)
            {
                throw new IllegalStateException(handler.getClass().getName() + " took no record of a run starting with"
                    + " a whole " + length + "-byte record at byte " + position + ": a BlockHandler must handle"
                    + " the first block when it is whole");
            }
            position += consumed;
            records += count;
            delivered += count;
        }
        return delivered;
    }

    /**
     * Deliver every record to the end of the file or the end of session.
     *
     * @param handler receives each message.
     * @return records delivered.
     * @throws IOException when mapping fails.
     */
    public long readAll(final MessageHandler handler) throws IOException
    {
        long total = 0;
        int n;
        while ((n = poll(handler, 1 << 20)) > 0)
        {
            total += n;
        }
        return total;
    }

    /**
     * Deliver every record to the end of the file or the end of session, as runs.
     *
     * @param handler takes runs of records.
     * @return records delivered.
     * @throws IOException when mapping fails.
     */
    public long readAllBlocks(final BlockHandler handler) throws IOException
    {
        long total = 0;
        int n;
        while ((n = pollBlocks(handler, 1 << 20)) > 0)
        {
            total += n;
        }
        return total;
    }

    /**
     * Find the record at {@link #position}: map it whole and return its length, or return 0 and mark
     * the file done when there is none (end of session, or a record cut by the end of the file).
     */
    private int nextRecord() throws IOException
    {
        if (isDone())
        {
            return 0;
        }
        final long remaining = fileSize - position;
        if (remaining < BlockHandler.LENGTH_PREFIX)
        {
            markTruncated();
            return 0;
        }
        ensureMapped(BlockHandler.LENGTH_PREFIX);
        final int length = window.getShort((int)(position - windowStart), BIG_ENDIAN) & 0xFFFF;
        if (0 == length)
        {
            endOfSession = true;
            position += BlockHandler.LENGTH_PREFIX;
            trailingBytes = fileSize - position;
            return 0;
        }
        if (remaining < BlockHandler.LENGTH_PREFIX + length)
        {
            markTruncated();
            return 0;
        }
        ensureMapped(BlockHandler.LENGTH_PREFIX + length);
        return length;
    }

    private void markTruncated()
    {
        truncated = true;
        truncatedOffset = position;
    }

    private void ensureMapped(final int bytes) throws IOException
    {
        if (null != mapped && position >= windowStart && position + bytes <= windowStart + windowLength)
        {
            return;
        }
        unmap();
        windowStart = position;
        windowLength = (int)Math.min(windowSize, fileSize - position);
        mapped = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, windowLength);
        window.wrap(mapped, 0, windowLength);
    }

    private void unmap()
    {
        if (null != mapped)
        {
            IoUtil.unmap(mapped);
            mapped = null;
            window.wrap(0, 0);
        }
    }

    /**
     * @return true at the end of the file, at an end-of-session record, or at a cut record.
     */
    public boolean isDone()
    {
        return endOfSession || truncated || position >= fileSize;
    }

    public long records()
    {
        return records;
    }

    public long position()
    {
        return position;
    }

    public long fileSize()
    {
        return fileSize;
    }

    public boolean endOfSession()
    {
        return endOfSession;
    }

    public boolean truncated()
    {
        return truncated;
    }

    /**
     * @return byte offset at which the cut record starts, or -1.
     */
    public long truncatedOffset()
    {
        return truncatedOffset;
    }

    /**
     * @return bytes after an end-of-session record (not read).
     */
    public long trailingBytes()
    {
        return trailingBytes;
    }

    public void close() throws IOException
    {
        unmap();
        channel.close();
    }
}
