package org.feedhandler.protocol.pcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.FileShrankException;
import org.feedhandler.protocol.MappedFileWindow;

/**
 * Reads a classic libpcap capture and delivers its UDP-over-IPv4 datagrams to a {@link PcapListener}.
 * <p>
 * The file is read through a {@link MappedFileWindow} of at most 1 GiB, so memory stays constant for
 * multi-gigabyte captures and nothing is allocated per packet.
 * <pre>
 * Global header (24 bytes, byte order given by the magic):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     magic a1b2c3d4 (us timestamps) or a1b23c4d (ns)           |  0
 *  +-------------------------------+-------------------------------+
 *  |        version major          |        version minor          |  4
 *  +-------------------------------+-------------------------------+
 *  |                     this zone (unused)                        |  8
 *  |                     sigfigs (unused)                          | 12
 *  |                     snap length                               | 16
 *  |                     link type                                 | 20
 *  +---------------------------------------------------------------+
 * Record header (16 bytes), then incl_len bytes of the link layer:
 *  |                     ts_sec                                    |  0
 *  |                     ts_usec or ts_nsec                        |  4
 *  |                     incl_len (bytes captured)                 |  8
 *  |                     orig_len (bytes on the wire)              | 12
 * </pre>
 * Link layers: Ethernet II (1) with any number of 802.1Q/802.1ad tags, Linux cooked SLL (113) and SLL2
 * (276), raw IP (101). Non-IPv4 frames, non-UDP datagrams, IPv4 fragments, frames cut by the capture's snap
 * length and frames too short for their headers are counted and skipped.
 * <p>
 * Damage is an expected condition, not an exception: when the file ends inside a record, or a record header
 * claims an absurd length ({@link #corruptRecordHeader()}: what follows is not records), every record before it
 * has been delivered, {@link #truncated()} turns true, {@link #errorOffset()} / {@link #errorMessage()} say where
 * and what, and {@link #unreadBytes()} counts the bytes from there to the end. Only {@link #open(Path)} throws, for a
 * file that is not a classic pcap at all.
 * <p>
 * Not thread safe: one thread opens, polls and closes.
 */
public final class PcapReader implements AutoCloseable
{
    public static final int GLOBAL_HEADER_LENGTH = 24;
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_MAJOR_OFFSET = 4;
    public static final int VERSION_MINOR_OFFSET = 6;
    public static final int SNAP_LENGTH_OFFSET = 16;
    public static final int LINK_TYPE_OFFSET = 20;

    public static final int RECORD_HEADER_LENGTH = 16;
    public static final int TS_SEC_OFFSET = 0;
    public static final int TS_FRACTION_OFFSET = 4;
    public static final int INCL_LEN_OFFSET = 8;
    public static final int ORIG_LEN_OFFSET = 12;

    /** A record longer than this is taken as corruption (the largest snap length tools use is 256 KiB). */
    public static final int MAX_RECORD_LENGTH = 256 * 1024;

    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int MAGIC_PCAPNG = 0x0a0d0d0a;

    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    /** Records handed out per {@link #poll(PcapListener)}. */
    public static final int DEFAULT_POLL_LIMIT = 64;

    static final long DEFAULT_REGION_LENGTH = 1L << 30;
    static final long MIN_REGION_LENGTH = RECORD_HEADER_LENGTH + MAX_RECORD_LENGTH;

    private final Path path;
    private final MappedFileWindow window;
    private final long fileLength;
    private final UnsafeBuffer buffer;
    private final ByteOrder order;
    private final boolean nanosecondTimestamps;
    private final int linkType;
    private final int snapLength;
    private final int versionMajor;
    private final int versionMinor;
    private final UdpFrameDecoder frames;

    private long position = GLOBAL_HEADER_LENGTH;
    private boolean done;
    private boolean truncated;
    private boolean corruptRecordHeader;
    private long errorOffset = -1;
    private String errorMessage;

    private long packets;
    private long skippedFrameBytes;

    private PcapReader(final Path path, final MappedFileWindow window) throws IOException
    {
        this.path = path;
        this.window = window;
        this.fileLength = window.fileLength();
        this.buffer = window.buffer();

        if (fileLength < GLOBAL_HEADER_LENGTH)
        {
            throw new PcapFormatException(fileLength, path + ": file ends inside the pcap global header at offset " +
                fileLength + " (" + fileLength + " of " + GLOBAL_HEADER_LENGTH + " bytes)");
        }

        window.ensureMapped(0, GLOBAL_HEADER_LENGTH);
        final int magic = buffer.getInt(MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (MAGIC_MICROS == magic || MAGIC_NANOS == magic)
        {
            order = ByteOrder.LITTLE_ENDIAN;
            nanosecondTimestamps = MAGIC_NANOS == magic;
        }
        else if (MAGIC_MICROS == Integer.reverseBytes(magic) || MAGIC_NANOS == Integer.reverseBytes(magic))
        {
            order = ByteOrder.BIG_ENDIAN;
            nanosecondTimestamps = MAGIC_NANOS == Integer.reverseBytes(magic);
        }
        else
        {
            final String hex = String.format("%08x", Integer.reverseBytes(magic));
            throw new PcapFormatException(0, path + ": bad magic 0x" + hex + " at offset 0" +
                (MAGIC_PCAPNG == magic ? " (a pcapng capture; convert it with 'editcap -F pcap IN OUT')" :
                " (expected a1b2c3d4 or a1b23c4d in either byte order)"));
        }

        versionMajor = buffer.getShort(VERSION_MAJOR_OFFSET, order) & 0xFFFF;
        versionMinor = buffer.getShort(VERSION_MINOR_OFFSET, order) & 0xFFFF;
        snapLength = buffer.getInt(SNAP_LENGTH_OFFSET, order);
        linkType = buffer.getInt(LINK_TYPE_OFFSET, order) & 0x0FFF_FFFF; // upper bits: FCS length flags
        if (LINKTYPE_ETHERNET != linkType && LINKTYPE_LINUX_SLL != linkType &&
            LINKTYPE_LINUX_SLL2 != linkType && LINKTYPE_RAW != linkType)
        {
            throw new PcapFormatException(LINK_TYPE_OFFSET, path + ": unsupported link type " + linkType +
                " at offset " + LINK_TYPE_OFFSET + " (supported: 1 Ethernet, 101 raw IP, 113 Linux SLL, 276 SLL2)");
        }
        frames = new UdpFrameDecoder(buffer, linkType);
    }

    /**
     * Open a capture and read its global header.
     *
     * @param path of the capture.
     * @return a reader positioned at the first record.
     * @throws PcapFormatException when the file is not a classic libpcap capture of a supported link type.
     * @throws IOException         when the file cannot be opened.
     */
    public static PcapReader open(final Path path) throws IOException
    {
        return open(path, DEFAULT_REGION_LENGTH);
    }

    static PcapReader open(final Path path, final long regionLength) throws IOException
    {
        if (regionLength < MIN_REGION_LENGTH)
        {
            throw new IllegalArgumentException("regionLength " + regionLength + " < " + MIN_REGION_LENGTH);
        }
        final MappedFileWindow window;
        try
        {
            window = MappedFileWindow.open(path, regionLength);
        }
        catch (final NoSuchFileException ex)
        {
            throw new NoSuchFileException(path.toString(), null, "no such capture file");
        }
        try
        {
            return new PcapReader(path, window);
        }
        catch (final IOException | RuntimeException ex)
        {
            window.close();
            throw ex;
        }
    }

    /**
     * Read up to {@link #DEFAULT_POLL_LIMIT} records.
     *
     * @param listener to receive the UDP datagrams.
     * @return the number of records read (of any kind); 0 at the end of the file or of the readable part.
     */
    public int poll(final PcapListener listener)
    {
        return poll(listener, DEFAULT_POLL_LIMIT);
    }

    /**
     * Read up to {@code limit} records.
     *
     * @param listener to receive the UDP datagrams.
     * @param limit    the most records to read.
     * @return the number of records read (of any kind); 0 at the end of the file or of the readable part.
     * @throws UncheckedIOException when mapping the next region of the file fails, with a
     *                              {@link FileShrankException} as its cause when the file became shorter.
     */
    public int poll(final PcapListener listener, final int limit)
    {
        try
        {
            return readRecords(listener, limit);
        }
        catch (final InternalError ex)
        {
            throw new UncheckedIOException(window.shrunkOrRethrow(ex));
        }
    }

    private int readRecords(final PcapListener listener, final int limit)
    {
        int records = 0;
        while (records < limit && !done)
        {
            final long recordOffset = position;
            final long remaining = fileLength - recordOffset;
            if (0 == remaining)
            {
                done = true;
                break;
            }
            if (remaining < RECORD_HEADER_LENGTH)
            {
                fail(recordOffset, "file ends inside the record header of packet " + (packets + 1) + " at offset " +
                    recordOffset + " (" + remaining + " of " + RECORD_HEADER_LENGTH + " bytes)");
                break;
            }

            ensureMapped(recordOffset, RECORD_HEADER_LENGTH);
            int index = window.index(recordOffset);
            final long inclLen = buffer.getInt(index + INCL_LEN_OFFSET, order) & 0xFFFF_FFFFL;
            if (inclLen > MAX_RECORD_LENGTH)
            {
                corruptRecordHeader = true;
                fail(recordOffset, "corrupt record header of packet " + (packets + 1) + " at offset " + recordOffset +
                    ": incl_len " + inclLen + " exceeds " + MAX_RECORD_LENGTH + " bytes");
                break;
            }
            final long available = remaining - RECORD_HEADER_LENGTH;
            if (inclLen > available)
            {
                fail(recordOffset, "file ends inside the body of packet " + (packets + 1) + " at offset " +
                    recordOffset + " (incl_len " + inclLen + ", " + available + " bytes left)");
                break;
            }

            if (ensureMapped(recordOffset, RECORD_HEADER_LENGTH + inclLen))
            {
                index = window.index(recordOffset);
            }
            final long seconds = buffer.getInt(index + TS_SEC_OFFSET, order) & 0xFFFF_FFFFL;
            final long fraction = buffer.getInt(index + TS_FRACTION_OFFSET, order) & 0xFFFF_FFFFL;
            final long timestampNanos = seconds * 1_000_000_000L + (nanosecondTimestamps ? fraction : fraction * 1000L);

            position = recordOffset + RECORD_HEADER_LENGTH + inclLen;
            packets++;
            records++;
            final boolean cut = inclLen < (buffer.getInt(index + ORIG_LEN_OFFSET, order) & 0xFFFF_FFFFL);
            if (!frames.onFrame(listener, timestampNanos, index + RECORD_HEADER_LENGTH, (int)inclLen, cut))
            {
                skippedFrameBytes += inclLen;
            }
        }

        return records;
    }

    /**
     * Read every record to the end of the file, or up to the damage.
     *
     * @param listener to receive the UDP datagrams.
     * @return the number of records read by this call.
     */
    public long readAll(final PcapListener listener)
    {
        long total = 0;
        int read;
        while ((read = poll(listener, Integer.MAX_VALUE)) > 0)
        {
            total += read;
        }
        return total;
    }

    private void fail(final long offset, final String message)
    {
        try
        {
            window.checkNotShrunk();
        }
        catch (final FileShrankException ex)
        {
            throw new UncheckedIOException(ex);
        }
        done = true;
        truncated = true;
        errorOffset = offset;
        errorMessage = path + ": " + message + "; " + packets + " packets before it were read";
    }

    private boolean ensureMapped(final long offset, final long length)
    {
        try
        {
            return window.ensureMapped(offset, length);
        }
        catch (final FileShrankException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": cannot map offset " + offset, ex);
        }
    }

    /**
     * Unmap the file and close it. Idempotent.
     */
    public void close()
    {
        try
        {
            window.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the capture's path.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the file's length in bytes, taken at open.
     */
    public long fileLength()
    {
        return fileLength;
    }

    /**
     * @return byte offset of the next record to read.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return byte order of the capture's headers, from its magic.
     */
    public ByteOrder byteOrder()
    {
        return order;
    }

    /**
     * @return true when the record timestamps carry nanoseconds (magic a1b23c4d), false for microseconds.
     */
    public boolean nanosecondTimestamps()
    {
        return nanosecondTimestamps;
    }

    public int linkType()
    {
        return linkType;
    }

    public int snapLength()
    {
        return snapLength;
    }

    public int versionMajor()
    {
        return versionMajor;
    }

    public int versionMinor()
    {
        return versionMinor;
    }

    /**
     * @return true once the end of the file, or the damage that ends the readable part, is reached.
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * @return true when the capture ends in damage: the file is cut inside a record or a record header is
     * corrupt. Every record before {@link #errorOffset()} has been read.
     */
    public boolean truncated()
    {
        return truncated;
    }

    /**
     * @return byte offset of the damaged record's header, or -1 when there is none.
     */
    public long errorOffset()
    {
        return errorOffset;
    }

    /**
     * @return what the damage is and where, or null when there is none.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * @return records read.
     */
    public long packets()
    {
        return packets;
    }

    /**
     * @return the frame decoder: its destination filter, and the counts of frames not delivered by cause.
     */
    public UdpFrameDecoder frames()
    {
        return frames;
    }

    /**
     * @return true when the read stopped at a record header claiming an absurd length: the bytes from
     * {@link #errorOffset()} on are not records.
     */
    public boolean corruptRecordHeader()
    {
        return corruptRecordHeader;
    }

    /**
     * @return bytes from the damage that ended the read to the end of the file, or 0.
     */
    public long unreadBytes()
    {
        return truncated ? fileLength - errorOffset : 0;
    }

    /**
     * @return captured bytes of the frames read but not delivered (of any kind, filtered ones included).
     */
    public long skippedFrameBytes()
    {
        return skippedFrameBytes;
    }

    public String toString()
    {
        return "PcapReader{path=" + path + ", packets=" + packets + ", " + frames +
            (truncated ? ", error=" + errorMessage : "") + '}';
    }
}
