package org.feedhandler.protocol.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Builds small libpcap captures for tests: any magic and byte order, Ethernet with VLAN tags, IPv4 with
 * options and fragment flags, UDP or another protocol.
 */
public final class PcapTestWriter
{
    private final ByteBuffer out = ByteBuffer.allocate(1 << 20);
    private final ByteOrder order;
    private final boolean nanos;

    PcapTestWriter(final ByteOrder order, final boolean nanos, final int linkType)
    {
        this.order = order;
        this.nanos = nanos;
        out.order(order);
        out.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS);
        out.putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
    }

    public PcapTestWriter()
    {
        this(ByteOrder.LITTLE_ENDIAN, false, PcapReader.LINKTYPE_ETHERNET);
    }

    /** A frame to build. */
    public static final class Frame
    {
        int[] vlanTypes = new int[0];
        int ipOptionWords;
        int protocol = 17;
        int flagsFragment;
        int srcIp = 0x0a000001;
        int dstIp = 0xef010101;
        int srcPort = 40000;
        int dstPort = 31001;
        byte[] payload = new byte[0];
        int padTo;

        Frame vlans(final int... types)
        {
            vlanTypes = types;
            return this;
        }

        Frame options(final int words)
        {
            ipOptionWords = words;
            return this;
        }

        Frame protocol(final int protocol)
        {
            this.protocol = protocol;
            return this;
        }

        public Frame fragment(final int flagsFragment)
        {
            this.flagsFragment = flagsFragment;
            return this;
        }

        public Frame dst(final int ip, final int port)
        {
            dstIp = ip;
            dstPort = port;
            return this;
        }

        public Frame payload(final byte[] payload)
        {
            this.payload = payload;
            return this;
        }

        Frame padTo(final int length)
        {
            padTo = length;
            return this;
        }

        public byte[] ethernet()
        {
            final int ipHeader = 20 + 4 * ipOptionWords;
            final int ipTotal = ipHeader + 8 + payload.length;
            final int length = Math.max(padTo, 14 + 4 * vlanTypes.length + ipTotal);
            final ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
            b.put(new byte[] {1, 0, 0x5e, 1, 1, 1}).put(new byte[] {2, 0, 0, 0, 0, 1});
            for (final int type : vlanTypes)
            {
                b.putShort((short)type).putShort((short)100);
            }
            b.putShort((short)UdpFrameDecoder.ETHERTYPE_IPV4);
            b.put((byte)(0x40 | ipHeader / 4)).put((byte)0).putShort((short)ipTotal);
            b.putShort((short)1).putShort((short)flagsFragment);
            b.put((byte)1).put((byte)protocol).putShort((short)0);
            b.putInt(srcIp).putInt(dstIp);
            for (int i = 0; i < ipOptionWords; i++)
            {
                b.putInt(0x01010101); // NOP options
            }
            b.putShort((short)srcPort).putShort((short)dstPort).putShort((short)(8 + payload.length)).putShort((short)0);
            b.put(payload);
            return b.array();
        }
    }

    public PcapTestWriter record(final long seconds, final long fraction, final byte[] frame)
    {
        return record(seconds, fraction, frame, frame.length);
    }

    PcapTestWriter record(final long seconds, final long fraction, final byte[] frame, final int inclLen)
    {
        out.putInt((int)seconds).putInt((int)fraction).putInt(inclLen).putInt(frame.length);
        out.put(frame, 0, Math.min(inclLen, frame.length));
        return this;
    }

    PcapTestWriter raw(final byte[] bytes)
    {
        out.put(bytes);
        return this;
    }

    int length()
    {
        return out.position();
    }

    boolean nanos()
    {
        return nanos;
    }

    ByteOrder order()
    {
        return order;
    }

    byte[] bytes()
    {
        return Arrays.copyOf(out.array(), out.position());
    }

    public Path write(final Path file) throws IOException
    {
        Files.write(file, bytes());
        return file;
    }

    Path write(final Path file, final int length) throws IOException
    {
        Files.write(file, Arrays.copyOf(out.array(), length));
        return file;
    }

    static byte[] payload(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + i);
        }
        return bytes;
    }
}
