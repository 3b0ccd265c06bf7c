package org.feedhandler.protocol.binaryfile;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.BlockHandler;
import org.feedhandler.protocol.FileShrankException;
import org.feedhandler.protocol.MappedFileWindow;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.itch.ItchMessageTypes;

import java.io.IOException;
import java.nio.file.Path;

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
 * <p>
 * <b>A zero-length record before the end of the file.</b> The format gives it one meaning, end of
 * session, but the framing after it is still unambiguous, so the reader resynchronises when the next
 * record is plausibly ITCH (a known type at exactly its length): the record is counted in
 * {@link #zeroLengthRecords()} and reading goes on. Otherwise what follows is not records (zero fill,
 * another protocol's stream) and feeding it to a decoder would only invent messages: the reader stops,
 * and {@link #trailingBytes()} counts the bytes it did not read.
 */
public final class BinaryFileReader implements AutoCloseable
{
    public static final int DEFAULT_WINDOW = 256 * 1024 * 1024;

    private final MappedFileWindow mapping;
    private final UnsafeBuffer window;
    private final long fileSize;

    private long position;
    private long records;
    private boolean endOfSession;
    private boolean truncated;
    private long truncatedOffset = -1;
    private long trailingBytes;
    private long zeroLengthRecords;

    private BinaryFileReader(final MappedFileWindow mapping)
    {
        this.mapping = mapping;
        this.window = mapping.buffer();
        this.fileSize = mapping.fileLength();
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
        return new BinaryFileReader(MappedFileWindow.open(file, windowSize));
    }

    /**
     * Deliver up to {@code limit} records.
     *
     * @param handler receives each message with its record number.
     * @param limit   the most records to deliver in this call.
     * @return records delivered; 0 once the file is done (see {@link #isDone()}).
     * @throws FileShrankException when the file became shorter than it was at open.
     * @throws IOException         when mapping fails.
     */
    public int poll(final MessageHandler handler, final int limit) throws IOException
    {
        int delivered = 0;
        try
        {
            int length;
            while (delivered < limit && (length = nextRecord()) > 0)
            {
                records++;
                handler.onMessage(window, mapping.index(position) + BlockHandler.LENGTH_PREFIX, length, records);
                position += BlockHandler.LENGTH_PREFIX + length;
                delivered++;
            }
        }
        catch (final InternalError ex)
        {
            throw mapping.shrunkOrRethrow(ex);
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
     * @throws FileShrankException   when the file became shorter than it was at open.
     * @throws IOException           when mapping fails.
     * @throws IllegalStateException when the handler takes no record of a run that starts with a whole
     *                               one, against {@link BlockHandler}'s contract: stopping there
     *                               would end the read mid-file as if it were done.
     */
    public int pollBlocks(final BlockHandler handler, final int limit) throws IOException
    {
        int delivered = 0;
        try
        {
            int length;
            while (delivered < limit && (length = nextRecord()) > 0)
            {
                final int offset = mapping.index(position);
                final int consumed =
                    handler.onBlocks(window, offset, (int)(mapping.end() - position), limit - delivered);
                final int count = handler.lastBlockCount();
                if (0 == count)
                {
                    throw new IllegalStateException(handler.getClass().getName() + " took no record of a run" +
                        " starting with a whole " + length + "-byte record at byte " + position + ": a BlockHandler" +
                        " must handle the first block when it is whole");
                }
                position += consumed;
                records += count;
                delivered += count;
            }
        }
        catch (final InternalError ex)
        {
            throw mapping.shrunkOrRethrow(ex);
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
     * the file done when there is none (end of session, or a record cut by the end of the file). A
     * zero-length record followed by a plausible one is stepped over (see the class comment).
     */
    private int nextRecord() throws IOException
    {
        if (isDone())
        {
            return 0;
        }
        int length = lengthAt(position);
        if (0 == length)
        {
            final long next = position + BlockHandler.LENGTH_PREFIX;
            if (!isPlausibleItchRecord(next))
            {
                mapping.checkNotShrunk();
                endOfSession = true;
                position = next;
                trailingBytes = fileSize - position;
                return 0;
            }
            zeroLengthRecords++;
            position = next;
            length = lengthAt(position);
        }
        if (length < 0)
        {
            mapping.checkNotShrunk();
            truncated = true;
            truncatedOffset = position;
            return 0;
        }
        mapping.ensureMapped(position, BlockHandler.LENGTH_PREFIX + length);
        return length;
    }

    /**
     * @return the length of the record at the offset, or -1 when the file ends inside it.
     */
    private int lengthAt(final long offset) throws IOException
    {
        final long remaining = fileSize - offset;
        if (remaining < BlockHandler.LENGTH_PREFIX)
        {
            return -1;
        }
        mapping.ensureMapped(offset, BlockHandler.LENGTH_PREFIX);
        final int length = window.getShort(mapping.index(offset), BIG_ENDIAN) & 0xFFFF;
        return remaining < BlockHandler.LENGTH_PREFIX + length ? -1 : length;
    }

    private boolean isPlausibleItchRecord(final long offset) throws IOException
    {
        final int length = lengthAt(offset);
        if (length < 1)
        {
            return false;
        }
        mapping.ensureMapped(offset, BlockHandler.LENGTH_PREFIX + 1);
        final byte type = window.getByte(mapping.index(offset) + BlockHandler.LENGTH_PREFIX);
        return ItchMessageTypes.isKnown(type) && ItchMessageTypes.length(type) == length;
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
     * @return bytes after the end-of-session record that ended the read (not read), 0 when it is the
     * file's last record.
     */
    public long trailingBytes()
    {
        return trailingBytes;
    }

    /**
     * @return zero-length records stepped over because a plausible record followed (see the class comment).
     */
    public long zeroLengthRecords()
    {
        return zeroLengthRecords;
    }

    /**
     * @return bytes of the record the end of the file cuts (from {@link #truncatedOffset()}), or 0.
     */
    public long truncatedBytes()
    {
        return truncated ? fileSize - truncatedOffset : 0;
    }

    public void close() throws IOException
    {
        mapping.close();
    }
}
