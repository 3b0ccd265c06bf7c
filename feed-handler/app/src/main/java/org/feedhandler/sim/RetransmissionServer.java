package org.feedhandler.sim;

import org.agrona.CloseHelper;
import org.agrona.LangUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The MoldUDP64 request server: takes 20-byte request packets (session, first sequence number,
 * count) by unicast UDP and answers each with one ordinary downstream packet, sent by unicast to
 * the requester, holding as many of the wanted messages as the history still has and one packet
 * holds. The requester asks again for the rest, as the protocol intends.
 * <p>
 * Requests that cannot be answered are counted and ignored: another session
 * ({@link #unknownSession()}), a first message that was never sent or has left the history
 * ({@link #beyondHistory()}), or a packet that is not a request ({@link #malformed()}).
 * <p>
 * An {@link Agent}: run it on an {@code AgentRunner} with a sleeping or backoff idle strategy
 * (off the hot path), or call {@link #doWork()} from a test. Counters are written by the agent's
 * thread only; read them after the runner is closed, or as approximate progress.
 */
public final class RetransmissionServer implements Agent
{
    public static final String ROLE_NAME = "retransmit-srv";
    private static final int REQUESTS_PER_DUTY_CYCLE = 16;

    private final DatagramChannel channel;
    private final MessageHistory history;
    private final long sessionHigh;
    private final int sessionLow;
    private final ByteBuffer requestByteBuffer = ByteBuffer.allocateDirect(2048);
    private final UnsafeBuffer requestBuffer = new UnsafeBuffer(requestByteBuffer);
    private final ByteBuffer answerByteBuffer;
    private final MoldUdp64PacketBuilder builder;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MessageHistory.MAX_MESSAGE_LENGTH]);

    private volatile long requests;
    private volatile long answeredMessages;
    private volatile long answers;
    private volatile long unknownSession;
    private volatile long beyondHistory;
    private volatile long malformed;

    /**
     * @param address         to bind, e.g. 127.0.0.1:31100.
     * @param history         the messages sent.
     * @param sessionHigh     first 8 bytes of the session served.
     * @param sessionLow      last 2 bytes of the session served.
     * @param maxPacketLength the largest answer packet.
     */
    public RetransmissionServer(
        final InetSocketAddress address,
        final MessageHistory history,
        final long sessionHigh,
        final int sessionLow,
        final int maxPacketLength)
    {
        this.history = history;
        this.sessionHigh = sessionHigh;
        this.sessionLow = sessionLow;
        this.answerByteBuffer = ByteBuffer.allocateDirect(maxPacketLength);
        this.builder = new MoldUdp64PacketBuilder(new UnsafeBuffer(answerByteBuffer), maxPacketLength)
            .session(sessionHigh, sessionLow);
        DatagramChannel ch = null;
        try
        {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.bind(address);
            ch.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(ch);
            throw new UncheckedIOException("cannot bind the retransmission server to " + address + ": " +
                ex.getMessage(), ex);
        }
        channel = ch;
    }

    public int doWork()
    {
        int work = 0;
        try
        {
            for (int i = 0; i < REQUESTS_PER_DUTY_CYCLE; i++)
            {
                requestByteBuffer.clear();
                final SocketAddress requester = channel.receive(requestByteBuffer);
                if (null == requester)
                {
                    break;
                }
                work++;
                onRequest(requestByteBuffer.position(), requester);
            }
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
        return work;
    }

    private void onRequest(final int length, final SocketAddress requester) throws IOException
    {
        requests++;
        if (length != MoldUdp64.REQUEST_LENGTH)
        {
            malformed++;
            return;
        }
        if (MoldUdp64.sessionHigh(requestBuffer, 0) != sessionHigh || MoldUdp64.sessionLow(requestBuffer, 0) != sessionLow)
        {
            unknownSession++;
            return;
        }
        final long first = MoldUdp64.sequenceNumber(requestBuffer, 0);
        final int count = MoldUdp64.messageCount(requestBuffer, 0);
        if (count == 0 || count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT)
        {
            malformed++;
            return;
        }

        builder.begin(first);
        long sequence = first;
        final long end = first + count;
        while (sequence < end)
        {
            final int messageLength = history.read(sequence, message, 0);
            if (messageLength < 0 || !builder.fits(messageLength))
            {
                break;
            }
            builder.append(message, 0, messageLength);
            sequence++;
        }

        final int answered = builder.messageCount();
        if (answered == 0)
        {
            beyondHistory++;
            return;
        }
        answerByteBuffer.clear().limit(builder.length());
        channel.send(answerByteBuffer, requester);
        answers++;
        answeredMessages += answered;
    }

    public String roleName()
    {
        return ROLE_NAME;
    }

    public void onClose()
    {
        CloseHelper.quietClose(channel);
    }

    /**
     * @return the bound address (useful when bound to port 0).
     */
    public InetSocketAddress localAddress()
    {
        try
        {
            return (InetSocketAddress)channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public long requests()
    {
        return requests;
    }

    public long answers()
    {
        return answers;
    }

    public long answeredMessages()
    {
        return answeredMessages;
    }

    public long unknownSession()
    {
        return unknownSession;
    }

    public long beyondHistory()
    {
        return beyondHistory;
    }

    public long malformed()
    {
        return malformed;
    }
}
