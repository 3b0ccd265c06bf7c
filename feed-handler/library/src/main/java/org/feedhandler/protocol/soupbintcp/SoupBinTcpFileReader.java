package org.feedhandler.protocol.soupbintcp;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.feedhandler.protocol.AsciiFields;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;

/**
 * Reads a file of SoupBinTCP packets as they went on the wire (a GLIMPSE capture: the bytes a login
 * received), and hands the message of every Sequenced Data packet to a {@link MessageHandler}, numbered
 * from the Login Accepted's sequence number (1 without one).
 * <pre>
 *   +--------------------+------+-----------------------+--------------------+------+----  ...
 *   | u16 Packet Length N| Type | N - 1 bytes: payload  | u16 Packet Length  | Type | ...
 *   +--------------------+------+-----------------------+--------------------+------+----  ...
 * </pre>
 * The framing is BinaryFILE's (a big-endian u16, then that many bytes), so the records are cut by a
 * {@link BinaryFileReader}, with its bounded memory, its truncation and its shrinking-file checks; what
 * differs is read here. Hostile input is counted, never thrown:
 * <ul>
 *   <li>a Packet Length of 0 leaves no room for the type, so the stream can no longer be trusted: it is
 *       a bad length ({@link #badLengths()}) and the rest of the file is not read ({@link #garbageBytes()});</li>
 *   <li>a known packet whose payload has the wrong length for its type is a bad length, and skipped;</li>
 *   <li>a type SoupBinTCP does not define is counted ({@link #unknownPackets()}) and skipped;</li>
 *   <li>End of Session ends the session: bytes after it are not read ({@link #afterEndOfSessionBytes()});</li>
 *   <li>a file that ends inside a packet: {@link #truncated()}, everything before it delivered.</li>
 * </ul>
 */
public final class SoupBinTcpFileReader implements AutoCloseable
{
    private final BinaryFileReader records;
    private final LoginAccepted loginAccepted = new LoginAccepted();
    private final MessageHandler packetHandler = this::onPacket;
    private MessageHandler handler;
    private long nextSequence = 1;
    private long firstSequence = -1;
    private boolean endOfSession;
    private long afterEndOfSessionBytes;
    private long packets;
    private long sequencedData;
    private long loginsAccepted;
    private long loginsRejected;
    private long heartbeats;
    private long otherPackets;
    private long unknownPackets;
    private long badLengths;

    private SoupBinTcpFileReader(final BinaryFileReader records)
    {
        this.records = records;
    }

    /**
     * @param file the capture.
     * @return the reader.
     * @throws IOException when the file cannot be opened.
     */
    public static SoupBinTcpFileReader open(final Path file) throws IOException
    {
        return new SoupBinTcpFileReader(BinaryFileReader.open(file));
    }

    /**
     * Read to the end of the file, the End of Session, a bad length or a cut packet.
     *
     * @param handler receives each Sequenced Data message with its sequence number.
     * @return Sequenced Data messages delivered.
     * @throws IOException when mapping fails, or the file shrank.
     */
    public long readAll(final MessageHandler handler) throws IOException
    {
        this.handler = handler;
        final long before = sequencedData;
        while (!endOfSession && records.poll(packetHandler, 1) > 0)
        {
            packets++;
        }
        if (endOfSession)
        {
            afterEndOfSessionBytes = records.fileSize() - records.position();
        }
        return sequencedData - before;
    }

    private void onPacket(final DirectBuffer buffer, final int offset, final int length, final long record)
    {
        final byte type = buffer.getByte(offset);
        final int payload = offset + 1;
        final int payloadLength = length - 1;
        switch (type)
        {
            case SoupBinTcp.SEQUENCED_DATA:
                if (payloadLength < 1)
                {
                    badLengths++;
                    nextSequence++;
                    return;
                }
                sequencedData++;
                handler.onMessage(buffer, payload, payloadLength, nextSequence++);
                break;

            case SoupBinTcp.LOGIN_ACCEPTED:
                final long sequence;
                if (SoupBinTcp.LOGIN_ACCEPTED_PAYLOAD_LENGTH != payloadLength ||
                    !loginAccepted.wrap(buffer, payload, payloadLength) ||
                    AsciiFields.INVALID == (sequence = loginAccepted.sequenceNumber()))
                {
                    badLengths++;
                    return;
                }
                loginsAccepted++;
                nextSequence = Math.max(1, sequence);
                if (firstSequence < 0)
                {
                    firstSequence = nextSequence;
                }
                break;

            case SoupBinTcp.LOGIN_REJECTED:
                countFixed(payloadLength, SoupBinTcp.LOGIN_REJECTED_PAYLOAD_LENGTH);
                loginsRejected += payloadLength == SoupBinTcp.LOGIN_REJECTED_PAYLOAD_LENGTH ? 1 : 0;
                break;

            case SoupBinTcp.SERVER_HEARTBEAT:
            case SoupBinTcp.CLIENT_HEARTBEAT:
                heartbeats += countFixed(payloadLength, 0);
                break;

            case SoupBinTcp.END_OF_SESSION:
                if (0 == countFixed(payloadLength, 0))
                {
                    return;
                }
                endOfSession = true;
                break;

            case SoupBinTcp.LOGIN_REQUEST:
                otherPackets += countFixed(payloadLength, SoupBinTcp.LOGIN_REQUEST_PAYLOAD_LENGTH);
                break;

            case SoupBinTcp.LOGOUT_REQUEST:
                otherPackets += countFixed(payloadLength, 0);
                break;

            case SoupBinTcp.DEBUG:
            case SoupBinTcp.UNSEQUENCED_DATA:
                otherPackets++;
                break;

            default:
                unknownPackets++;
                break;
        }
    }

    /** @return 1 when the payload has the length its type fixes, else 0 with the bad length counted. */
    private int countFixed(final int payloadLength, final int expected)
    {
        if (payloadLength == expected)
        {
            return 1;
        }
        badLengths++;
        return 0;
    }

    /** @return packets read, of every type (bad ones included). */
    public long packets()
    {
        return packets;
    }

    /** @return Sequenced Data packets delivered. */
    public long sequencedData()
    {
        return sequencedData;
    }

    public long loginsAccepted()
    {
        return loginsAccepted;
    }

    public long loginsRejected()
    {
        return loginsRejected;
    }

    /** @return server and client heartbeats. */
    public long heartbeats()
    {
        return heartbeats;
    }

    /** @return Debug, Unsequenced Data, Login Request and Logout Request packets: read, not decoded. */
    public long otherPackets()
    {
        return otherPackets;
    }

    /** @return packets of a type SoupBinTCP 4.0 does not define. */
    public long unknownPackets()
    {
        return unknownPackets;
    }

    /**
     * @return packets whose length is wrong for their type (an empty Sequenced Data, a Login Accepted
     * that is not 31 bytes, ...), and Packet Lengths of 0.
     */
    public long badLengths()
    {
        return badLengths + records.zeroLengthRecords() + (records.endOfSession() ? 1 : 0);
    }

    /** @return the first Login Accepted's sequence number, -1 without one. */
    public long firstSequence()
    {
        return firstSequence;
    }

    public boolean endOfSession()
    {
        return endOfSession;
    }

    /** @return bytes after the End of Session packet, not read. */
    public long afterEndOfSessionBytes()
    {
        return afterEndOfSessionBytes;
    }

    /** @return bytes not read after a Packet Length of 0 (the stream could not be cut any further). */
    public long garbageBytes()
    {
        return records.trailingBytes();
    }

    public boolean truncated()
    {
        return records.truncated();
    }

    /** @return byte offset of the packet the end of the file cuts, or -1. */
    public long truncatedOffset()
    {
        return records.truncatedOffset();
    }

    /** @return bytes of the packet the end of the file cuts, or 0. */
    public long truncatedBytes()
    {
        return records.truncatedBytes();
    }

    public long fileSize()
    {
        return records.fileSize();
    }

    public void close() throws IOException
    {
        records.close();
    }
}
