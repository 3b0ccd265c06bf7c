package org.feedhandler.protocol.pcap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Takes a captured frame apart, link layer to UDP, for a {@link PcapReader}: Ethernet II (with any number
 * of 802.1Q/802.1ad tags), Linux cooked SLL and SLL2, raw IP. Each frame is delivered as a UDP datagram
 * or counted under one cause: not IPv4, not UDP, an IPv4 fragment, cut by the snap length, too short for
 * its headers, malformed, or filtered out by destination. Allocation free.
 */
public final class UdpFrameDecoder
{
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

    private final UnsafeBuffer buffer;
    private final int linkType;

    private boolean filtering;
    private int filterIp;
    private int filterPort;

    private long udp;
    private long delivered;
    private long filtered;
    private long nonIpv4;
    private long nonUdp;
    private long fragments;
    private long snapLengthCuts;
    private long shortFrames;
    private long malformed;
    private boolean frameCut;

    UdpFrameDecoder(final UnsafeBuffer buffer, final int linkType)
    {
        this.buffer = buffer;
        this.linkType = linkType;
    }

    /**
     * Deliver only datagrams sent to this group and port; others are counted as {@link #filtered()}.
     *
     * @param ip   destination IPv4 address in network order as an int.
     * @param port destination port.
     * @return this for a fluent API.
     */
    public UdpFrameDecoder destinationFilter(final int ip, final int port)
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
    public UdpFrameDecoder destinationFilter(final String addressAndPort)
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
    public UdpFrameDecoder clearFilter()
    {
        filtering = false;
        return this;
    }

    /**
     * Take one captured frame apart and hand its UDP payload to the listener, or count why not.
     *
     * @param listener       receives the datagram.
     * @param timestampNanos capture time.
     * @param offset         of the frame in the buffer.
     * @param length         captured bytes of the frame (incl_len).
     * @param cut            true when the capture kept fewer bytes than the frame had (incl_len below orig_len).
     * @return true when the datagram was delivered.
     */
    boolean onFrame(
        final PcapListener listener, final long timestampNanos, final int offset, final int length, final boolean cut)
    {
        frameCut = cut;
        final UnsafeBuffer buffer = this.buffer;
        final int end = offset + length;
        int etherType;
        int p;
        switch (linkType)
        {
            case PcapReader.LINKTYPE_ETHERNET:
                if (length < ETHERNET_HEADER_LENGTH)
                {
                    tooShort();
                    return false;
                }
                etherType = uint16(offset + ETHERTYPE_OFFSET);
                p = offset + ETHERNET_HEADER_LENGTH;
                break;

            case PcapReader.LINKTYPE_LINUX_SLL:
                if (length < SLL_HEADER_LENGTH)
                {
                    tooShort();
                    return false;
                }
                etherType = uint16(offset + SLL_PROTOCOL_OFFSET);
                p = offset + SLL_HEADER_LENGTH;
                break;

            case PcapReader.LINKTYPE_LINUX_SLL2:
                if (length < SLL2_HEADER_LENGTH)
                {
                    tooShort();
                    return false;
                }
                etherType = uint16(offset + SLL2_PROTOCOL_OFFSET);
                p = offset + SLL2_HEADER_LENGTH;
                break;

            default: // LINKTYPE_RAW: IPv4 or IPv6 by the version nibble
                if (length < 1)
                {
                    tooShort();
                    return false;
                }
                etherType = 4 == (buffer.getByte(offset) & 0xF0) >> 4 ? ETHERTYPE_IPV4 : 0;
                p = offset;
                break;
        }

        while (ETHERTYPE_VLAN == etherType || ETHERTYPE_QINQ == etherType || ETHERTYPE_QINQ_LEGACY == etherType)
        {
            if (p + VLAN_TAG_LENGTH > end)
            {
                tooShort();
                return false;
            }
            etherType = uint16(p + 2);
            p += VLAN_TAG_LENGTH;
        }

        if (ETHERTYPE_IPV4 != etherType)
        {
            nonIpv4++;
            return false;
        }
        if (p + IPV4_MIN_HEADER_LENGTH > end)
        {
            tooShort();
            return false;
        }
        final int versionAndLength = buffer.getByte(p) & 0xFF;
        final int headerLength = (versionAndLength & 0x0F) << 2;
        final int totalLength = uint16(p + IPV4_TOTAL_LENGTH_OFFSET);
        if (4 != versionAndLength >> 4 || headerLength < IPV4_MIN_HEADER_LENGTH || totalLength < headerLength)
        {
            malformed++;
            return false;
        }
        if (p + totalLength > end)
        {
            tooShort(); // Ethernet padding makes the frame longer, never shorter
            return false;
        }
        if (IP_PROTOCOL_UDP != (buffer.getByte(p + IPV4_PROTOCOL_OFFSET) & 0xFF))
        {
            nonUdp++;
            return false;
        }
        if (0 != (uint16(p + IPV4_FLAGS_FRAGMENT_OFFSET) & IPV4_MORE_FRAGMENTS_AND_OFFSET_MASK))
        {
            fragments++;
            return false;
        }

        final int u = p + headerLength;
        if (u + UDP_HEADER_LENGTH > p + totalLength)
        {
            tooShort();
            return false;
        }
        final int udpLength = uint16(u + UDP_LENGTH_OFFSET);
        if (udpLength < UDP_HEADER_LENGTH || u + udpLength > p + totalLength)
        {
            malformed++;
            return false;
        }
        udp++;

        final int dstIp = buffer.getInt(p + IPV4_DST_OFFSET, ByteOrder.BIG_ENDIAN);
        final int dstPort = uint16(u + UDP_DST_PORT_OFFSET);
        if (filtering && (dstIp != filterIp || dstPort != filterPort))
        {
            filtered++;
            return false;
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
        return true;
    }

    private void tooShort()
    {
        if (frameCut)
        {
            snapLengthCuts++;
        }
        else
        {
            shortFrames++;
        }
    }

    private int uint16(final int index)
    {
        return buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
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
     * @return frames the capture's snap length cut (incl_len below orig_len) before their headers or
     * datagram end.
     */
    public long snapLengthCuts()
    {
        return snapLengthCuts;
    }

    /**
     * @return frames that end before their headers or datagram do although the capture kept all their
     * bytes (incl_len = orig_len): lengths that disagree.
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
        return "udp=" + udp +
            ", delivered=" + delivered +
            ", filtered=" + filtered +
            ", nonIpv4=" + nonIpv4 +
            ", nonUdp=" + nonUdp +
            ", fragments=" + fragments +
            ", snapLengthCuts=" + snapLengthCuts +
            ", shortFrames=" + shortFrames +
            ", malformed=" + malformed;
    }
}
