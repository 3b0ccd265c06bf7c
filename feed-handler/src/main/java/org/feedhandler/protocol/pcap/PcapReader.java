package org.feedhandler.protocol.pcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a classic libpcap capture and delivers its UDP-over-IPv4 datagrams to a {@link PcapListener}.
 * <p>
 * The file is memory-mapped one region (at most 1 GiB) at a time and read through an {@link UnsafeBuffer},
 * so memory stays constant for multi-gigabyte captures and nothing is allocated per packet. A region is
 * remapped at the start of the first record that does not fit in it.
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
 * (276), raw IP (101). Non-IPv4 frames, non-UDP datagrams, IPv4 fragments and frames too short for their
 * headers are counted and skipped.
 * <p>
 * Damage is an expected condition, not an exception: when the file ends inside a record, or a record header
 * claims an absurd length, every record before it has been delivered, {@link #truncated()} turns true and
 * {@link #errorOffset()} / {@link #errorMessage()} say where and what. Only {@link #open(Path)} throws, for a
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

    static final int ETHERNET_HEADER_LENGTH = 14;
    static final int ETHERTYPE_OFFSET = 12;
    static final int SLL_HEADER_LENGTH = 16;
    static final int SLL_PROTOCOL_OFFSET = 14;
    static final int SLL2_HEADER_LENGTH = 20;
    static final int SLL2_PROTOCOL_OFFSET = 0;
    static final int VLAN_TAG_LENGTH = 4;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_LEGACY = 0x9100;

    static final int IPV4_MIN_HEADER_LENGTH = 20;
    static final int IPV4_TOTAL_LENGTH_OFFSET = 2;
    static final int IPV4_FLAGS_FRAGMENT_OFFSET = 6;
    static final int IPV4_PROTOCOL_OFFSET = 9;
    static final int IPV4_SRC_OFFSET = 12;
    static final int IPV4_DST_OFFSET = 16;
    static final int IPV4_MORE_FRAGMENTS_AND_OFFSET_MASK = 0x3FFF;
    static final int IP_PROTOCOL_UDP = 17;

    static final int UDP_HEADER_LENGTH = 8;
    static final int UDP_SRC_PORT_OFFSET = 0;
    static final int UDP_DST_PORT_OFFSET = 2;
    static final int UDP_LENGTH_OFFSET = 4;

    /** Records handed out per {@link #poll(PcapListener)}. */
    public static final int DEFAULT_POLL_LIMIT = 64;

    static final long DEFAULT_REGION_LENGTH = 1L << 30;
    static final long MIN_REGION_LENGTH = RECORD_HEADER_LENGTH + MAX_RECORD_LENGTH;

    private final Path path;
    private final FileChannel channel;
    private final long fileLength;
    private final long regionLength;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private final ByteOrder order;
    private final boolean nanosecondTimestamps;
    private final int linkType;
    private final int snapLength;
    private final int versionMajor;
    private final int versionMinor;

    private MappedByteBuffer region;
    private long regionStart;
    private long regionEnd;
    private long position = GLOBAL_HEADER_LENGTH;
    private boolean done;
    private boolean truncated;
    private long errorOffset = -1;
    private String errorMessage;

    private boolean filtering;
    private int filterIp;
    private int filterPort;

    private long packets;
    private long udp;
    private long delivered;
    private long filtered;
    private long nonIpv4;
    private long nonUdp;
    private long fragments;
    private long shortFrames;
    private long malformed;

    private PcapReader(final Path path, final FileChannel channel, final long regionLength) throws IOException
    {
        this.path = path;
        this.channel = channel;
        this.fileLength = channel.size();
        this.regionLength = regionLength;

        if (fileLength < GLOBAL_HEADER_LENGTH)
        {
            throw new PcapFormatException(fileLength, path + ": file ends inside the pcap global header at offset " +
                fileLength + " (" + fileLength + " of " + GLOBAL_HEADER_LENGTH + " bytes)");
        }

        map(0);
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
            unmap();
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
            unmap();
            throw new PcapFormatException(LINK_TYPE_OFFSET, path + ": unsupported link type " + linkType +
                " at offset " + LINK_TYPE_OFFSET + " (supported: 1 Ethernet, 101 raw IP, 113 Linux SLL, 276 SLL2)");
        }
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
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        catch (final NoSuchFileException ex)
        {
            throw new NoSuchFileException(path.toString(), null, "no such capture file");
        }
        try
        {
            return new PcapReader(path, channel, regionLength);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * Deliver only datagrams sent to this group and port; others are counted as {@link #filtered()}.
     *
     * @param ip   destination IPv4 address in network order as an int.
     * @param port destination port.
     * @return this for a fluent API.
     */
    public PcapReader destinationFilter(final int ip, final int port)
    {
        filtering = true;
        filterIp = ip;
        filterPort = port;
        return this;
    }

    /**
     * Deliver only datagrams sent to {@code ADDR:PORT}, e.g. {@code 239.39.62.190:32001}.
     *
     * @param addressAndPort the destination, a literal IPv4 address and a port.
     * @return this for a fluent API.
     * @throws IllegalArgumentException when the text is not an IPv4 address and port.
     */
    public PcapReader destinationFilter(final String addressAndPort)
    {
        final int colon = addressAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == addressAndPort.length() - 1)
        {
            throw new IllegalArgumentException("'" + addressAndPort + "' is not ADDR:PORT");
        }
        final int port;
        try
        {
            port = Integer.parseInt(addressAndPort.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + addressAndPort + "' has no numeric port", ex);
        }
        if (port < 0 || port > 0xFFFF)
        {
            throw new IllegalArgumentException("port " + port + " out of range [0, 65535]");
        }
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(addressAndPort.substring(0, colon));
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("'" + addressAndPort + "': unknown host", ex);
        }
        if (!(address instanceof Inet4Address))
        {
            throw new IllegalArgumentException("'" + addressAndPort + "' is not an IPv4 address");
        }
        final byte[] b = address.getAddress();
        return destinationFilter(
            (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF), port);
    }

    /**
     * Deliver every UDP datagram again.
     *
     * @return this for a fluent API.
     */
    public PcapReader clearFilter()
    {
        filtering = false;
        return this;
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
     * @throws UncheckedIOException when mapping the next region of the file fails.
     */
    public int poll(final PcapListener listener, final int limit)
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
            int index = (int)(recordOffset - regionStart);
            final long inclLen = buffer.getInt(index + INCL_LEN_OFFSET, order) & 0xFFFF_FFFFL;
            if (inclLen > MAX_RECORD_LENGTH)
            {
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
                index = (int)(recordOffset - regionStart);
            }
            final long seconds = buffer.getInt(index + TS_SEC_OFFSET, order) & 0xFFFF_FFFFL;
            final long fraction = buffer.getInt(index + TS_FRACTION_OFFSET, order) & 0xFFFF_FFFFL;
            final long timestampNanos = seconds * 1_000_000_000L + (nanosecondTimestamps ? fraction : fraction * 1000L);

            position = recordOffset + RECORD_HEADER_LENGTH + inclLen;
            packets++;
            records++;
            onFrame(listener, timestampNanos, index + RECORD_HEADER_LENGTH, (int)inclLen);
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

    private void onFrame(final PcapListener listener, final long timestampNanos, final int offset, final int length)
    {
        final UnsafeBuffer buffer = this.buffer;
        final int end = offset + length;
        int etherType;
        int p;
        switch (linkType)
        {
            case LINKTYPE_ETHERNET:
                if (length < ETHERNET_HEADER_LENGTH)
                {
                    shortFrames++;
                    return;
                }
                etherType = uint16(offset + ETHERTYPE_OFFSET);
                p = offset + ETHERNET_HEADER_LENGTH;
                break;

            case LINKTYPE_LINUX_SLL:
                if (length < SLL_HEADER_LENGTH)
                {
                    shortFrames++;
                    return;
                }
                etherType = uint16(offset + SLL_PROTOCOL_OFFSET);
                p = offset + SLL_HEADER_LENGTH;
                break;

            case LINKTYPE_LINUX_SLL2:
                if (length < SLL2_HEADER_LENGTH)
                {
                    shortFrames++;
                    return;
                }
                etherType = uint16(offset + SLL2_PROTOCOL_OFFSET);
                p = offset + SLL2_HEADER_LENGTH;
                break;

            default: // LINKTYPE_RAW: IPv4 or IPv6 by the version nibble
                if (length < 1)
                {
                    shortFrames++;
                    return;
                }
                etherType = 4 == (buffer.getByte(offset) & 0xF0) >> 4 ? ETHERTYPE_IPV4 : 0;
                p = offset;
                break;
        }

        while (ETHERTYPE_VLAN == etherType || ETHERTYPE_QINQ == etherType || ETHERTYPE_QINQ_LEGACY == etherType)
        {
            if (p + VLAN_TAG_LENGTH > end)
            {
                shortFrames++;
                return;
            }
            etherType = uint16(p + 2);
            p += VLAN_TAG_LENGTH;
        }

        if (ETHERTYPE_IPV4 != etherType)
        {
            nonIpv4++;
            return;
        }
        if (p + IPV4_MIN_HEADER_LENGTH > end)
        {
            shortFrames++;
            return;
        }
        final int versionAndLength = buffer.getByte(p) & 0xFF;
        final int headerLength = (versionAndLength & 0x0F) << 2;
        final int totalLength = uint16(p + IPV4_TOTAL_LENGTH_OFFSET);
        if (4 != versionAndLength >> 4 || headerLength < IPV4_MIN_HEADER_LENGTH || totalLength < headerLength)
        {
            malformed++;
            return;
        }
        if (p + totalLength > end)
        {
            shortFrames++; // cut by the snap length; Ethernet padding makes the frame longer, never shorter
            return;
        }
        if (IP_PROTOCOL_UDP != (buffer.getByte(p + IPV4_PROTOCOL_OFFSET) & 0xFF))
        {
            nonUdp++;
            return;
        }
        if (0 != (uint16(p + IPV4_FLAGS_FRAGMENT_OFFSET) & IPV4_MORE_FRAGMENTS_AND_OFFSET_MASK))
        {
            fragments++;
            return;
        }

        final int u = p + headerLength;
        if (u + UDP_HEADER_LENGTH > p + totalLength)
        {
            shortFrames++;
            return;
        }
        final int udpLength = uint16(u + UDP_LENGTH_OFFSET);
        if (udpLength < UDP_HEADER_LENGTH || u + udpLength > p + totalLength)
        {
            malformed++;
            return;
        }
        udp++;

        final int dstIp = buffer.getInt(p + IPV4_DST_OFFSET, ByteOrder.BIG_ENDIAN);
        final int dstPort = uint16(u + UDP_DST_PORT_OFFSET);
        if (filtering && (dstIp != filterIp || dstPort != filterPort))
        {
            filtered++;
            return;
        }
        delivered++;

        listener.onUdp(
            timestampNanos,
            buffer.getInt(p + IPV4_SRC_OFFSET, ByteOrder.BIG_ENDIAN),
            uint16(u + UDP_SRC_PORT_OFFSET),
            dstIp,
            dstPort,
            buffer,
            u + UDP_HEADER_LENGTH,
            udpLength - UDP_HEADER_LENGTH);
    }

    private int uint16(final int index)
    {
        return buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    private void fail(final long offset, final String message)
    {
        done = true;
        truncated = true;
        errorOffset = offset;
        errorMessage = path + ": " + message + "; " + packets + " packets before it were read";
    }

    private boolean ensureMapped(final long offset, final long length)
    {
        if (offset >= regionStart && offset + length <= regionEnd)
        {
            return false;
        }
        try
        {
            map(offset);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": cannot map offset " + offset, ex);
        }
        return true;
    }

    private void map(final long offset) throws IOException
    {
        unmap();
        final long length = Math.min(regionLength, fileLength - offset);
        region = channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
        buffer.wrap(region);
        regionStart = offset;
        regionEnd = offset + length;
    }

    private void unmap()
    {
        if (null != region)
        {
            buffer.wrap(0, 0);
            IoUtil.unmap(region);
            region = null;
            regionStart = 0;
            regionEnd = 0;
        }
    }

    /**
     * Unmap the file and close it. Idempotent.
     */
    public void close()
    {
        unmap();
        try
        {
            channel.close();
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
     * @return well-formed, unfragmented UDP datagrams over IPv4, delivered or filtered.
     */
    public long udp()
    {
        return udp;
    }

    /**
     * @return UDP datagrams handed to the listener.
     */
    public long delivered()
    {
        return delivered;
    }

    /**
     * @return UDP datagrams skipped by the destination filter.
     */
    public long filtered()
    {
        return filtered;
    }

    /**
     * @return frames that do not carry IPv4 (ARP, IPv6, ...).
     */
    public long nonIpv4()
    {
        return nonIpv4;
    }

    /**
     * @return IPv4 datagrams of another protocol than UDP (TCP, IGMP, ...).
     */
    public long nonUdp()
    {
        return nonUdp;
    }

    /**
     * @return UDP over IPv4 fragments (more-fragments flag or a fragment offset), skipped: not reassembled.
     */
    public long fragments()
    {
        return fragments;
    }

    /**
     * @return frames whose captured bytes (incl_len) end before their headers or datagram do.
     */
    public long shortFrames()
    {
        return shortFrames;
    }

    /**
     * @return IPv4 or UDP headers with impossible fields (version, header length, lengths that disagree).
     */
    public long malformed()
    {
        return malformed;
    }

    public String toString()
    {
        return "PcapReader{" +
            "path=" + path +
            ", packets=" + packets +
            ", udp=" + udp +
            ", delivered=" + delivered +
            ", filtered=" + filtered +
            ", nonIpv4=" + nonIpv4 +
            ", nonUdp=" + nonUdp +
            ", fragments=" + fragments +
            ", shortFrames=" + shortFrames +
            ", malformed=" + malformed +
            (truncated ? ", error=" + errorMessage : "") +
            '}';
    }
}
