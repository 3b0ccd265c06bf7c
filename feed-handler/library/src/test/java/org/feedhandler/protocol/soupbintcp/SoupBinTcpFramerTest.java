package org.feedhandler.protocol.soupbintcp;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.AsciiFields;
import org.junit.jupiter.api.Test;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoupBinTcpFramerTest
{
    private final UnsafeBuffer stream = new UnsafeBuffer(new byte[1 << 17]);
    private final List<String> packets = new ArrayList<>();
    private final LoginRequest loginRequest = new LoginRequest();
    private final LoginAccepted loginAccepted = new LoginAccepted();
    private final LoginRejected loginRejected = new LoginRejected();
    private final SoupBinTcpFramer.PacketHandler recorder = this::record;

    @Test
    void shouldRoundTripEveryPacketTypeThroughTheEncoderFramerAndFlyweights()
    {
        final int length = encodeEveryPacket();

        assertEquals(10, new SoupBinTcpFramer(SoupBinTcp.MAX_PACKET_LENGTH, 1 << 17).onBytes(stream, 0, length, recorder));

        assertEquals(List.of(
            "L user=feed password-ok current-session=true seq=1",
            "A session=GLIMPSE seq=42",
            "J A",
            "S 3 bytes ITC",
            "U 2 bytes hi",
            "+ debug text",
            "H", "R", "Z", "O"), packets);
    }

    @Test
    void shouldHandOverTheSameStreamWhenItArrivesOneByteAtATime()
    {
        final int length = encodeEveryPacket();
        final SoupBinTcpFramer framer = new SoupBinTcpFramer(SoupBinTcp.MAX_PACKET_LENGTH, 1 << 17);
        int handed = 0;
        for (int i = 0; i < length; i++)
        {
            handed += framer.onBytes(stream, i, 1, recorder);
        }
        assertEquals(10, handed);
        assertEquals(10, packets.size());
        assertEquals("O", packets.get(9));
        assertEquals(0, framer.pendingBytes());
        assertEquals(length, framer.bytes());
    }

    @Test
    void shouldStopOnAZeroLengthAfterHandingOverThePacketsBeforeIt()
    {
        int length = SoupBinTcpEncoder.serverHeartbeat(stream, 0);
        stream.putShort(length, (short)0, BIG_ENDIAN);
        length += 2;
        length += SoupBinTcpEncoder.serverHeartbeat(stream, length);
        final SoupBinTcpFramer framer = new SoupBinTcpFramer(SoupBinTcp.MAX_PACKET_LENGTH, 1 << 17);

        assertEquals(SoupBinTcpFramer.FRAMING_ERROR, framer.onBytes(stream, 0, length, recorder));

        assertEquals(List.of("H"), packets, "the packet before the bad length only");
        assertEquals(1, framer.badLengths());
        assertEquals(0, framer.lastBadLength());
        assertTrue(framer.isBroken());
        assertEquals(SoupBinTcpFramer.FRAMING_ERROR, framer.poll(recorder, 10), "stays broken until reset");
        framer.reset();
        assertFalse(framer.isBroken());
        assertEquals(1, framer.onBytes(stream, 0, 3, recorder), "a new connection frames again");
    }

    @Test
    void shouldTakeALengthOfOneAsAPacketWithAnEmptyPayload()
    {
        stream.putShort(0, (short)1, BIG_ENDIAN);
        stream.putByte(2, SoupBinTcp.SERVER_HEARTBEAT);
        final SoupBinTcpFramer framer = new SoupBinTcpFramer(SoupBinTcp.MAX_PACKET_LENGTH, 1 << 17);

        assertEquals(1, framer.onBytes(stream, 0, 3, recorder));
        assertEquals(List.of("H"), packets);
    }

    @Test
    void shouldWaitForAWholeMaximumLengthPacketAndRejectItWhenOverTheConfiguredMaximum()
    {
        final int payload = SoupBinTcp.MAX_PACKET_LENGTH - 1;
        stream.setMemory(0, 2 + SoupBinTcp.MAX_PACKET_LENGTH, (byte)'x');
        SoupBinTcpEncoder.header(stream, 0, SoupBinTcp.SEQUENCED_DATA, payload);
        final SoupBinTcpFramer framer = new SoupBinTcpFramer(SoupBinTcp.MAX_PACKET_LENGTH, 2 + SoupBinTcp.MAX_PACKET_LENGTH);

        assertEquals(0, framer.onBytes(stream, 0, 40_000, recorder), "a partial packet waits");
        assertEquals(40_000, framer.pendingBytes());
        assertEquals(1, framer.onBytes(stream, 40_000, 2 + SoupBinTcp.MAX_PACKET_LENGTH - 40_000, recorder));
        assertEquals(List.of("S " + payload + " bytes xxx"), packets);

        final SoupBinTcpFramer bounded = new SoupBinTcpFramer(1024, 4096);
        assertEquals(SoupBinTcpFramer.FRAMING_ERROR, bounded.onBytes(stream, 0, 2, recorder),
            "the length alone is enough to refuse it");
        assertEquals(0xFFFF, bounded.lastBadLength());
        assertEquals(1, bounded.badLengths());
    }

    @Test
    void shouldHoldAPartialLengthFieldUntilItsSecondByteComes()
    {
        final int length = SoupBinTcpEncoder.endOfSession(stream, 0);
        final SoupBinTcpFramer framer = new SoupBinTcpFramer(SoupBinTcp.MAX_PACKET_LENGTH, 1 << 17);

        assertEquals(0, framer.onBytes(stream, 0, 1, recorder));
        assertEquals(1, framer.pendingBytes());
        assertEquals(1, framer.onBytes(stream, 1, length - 1, recorder));
        assertEquals(List.of("Z"), packets);
    }

    @Test
    void shouldLeaveTheRestForTheNextPollWhenTheHandlerStops()
    {
        int length = SoupBinTcpEncoder.endOfSession(stream, 0);
        length += SoupBinTcpEncoder.serverHeartbeat(stream, length);
        final SoupBinTcpFramer framer = new SoupBinTcpFramer(SoupBinTcp.MAX_PACKET_LENGTH, 1 << 17);

        assertEquals(1, framer.onBytes(stream, 0, length, (type, buffer, offset, payload) -> false));
        assertEquals(3, framer.pendingBytes());
        assertEquals(1, framer.poll(recorder, 10));
        assertEquals(List.of("H"), packets);
    }

    @Test
    void shouldRefuseShortLoginPayloads()
    {
        assertFalse(loginRequest.wrap(stream, 0, SoupBinTcp.LOGIN_REQUEST_PAYLOAD_LENGTH - 1));
        assertFalse(loginAccepted.wrap(stream, 0, SoupBinTcp.LOGIN_ACCEPTED_PAYLOAD_LENGTH - 1));
        assertFalse(loginRejected.wrap(stream, 0, 0));
    }

    @Test
    void shouldLayOutTheLoginRequestAsTheSpecificationSays()
    {
        final int length = SoupBinTcpEncoder.loginRequest(stream, 0, "ab", "pw", "", 1234);
        assertEquals(49, length);
        assertEquals(47, stream.getShort(0, BIG_ENDIAN));
        // username left-justified (6), password (10), blank session (10), sequence right-justified (20)
        assertEquals("L" + "ab    " + "pw        " + " ".repeat(10) + " ".repeat(16) + "1234",
            stream.getStringWithoutLengthAscii(2, length - 2));
        final int accepted = SoupBinTcpEncoder.loginAccepted(stream, 0, "S1", 7);
        assertEquals("A" + " ".repeat(8) + "S1" + " ".repeat(19) + "7", stream.getStringWithoutLengthAscii(2, accepted - 2));
    }

    @Test
    void shouldReadNumbersWithEitherPaddingAndRefuseAnythingElse()
    {
        assertEquals(12, number("   12"));
        assertEquals(12, number("12   "));
        assertEquals(AsciiFields.INVALID, number("     "));
        assertEquals(AsciiFields.INVALID, number(" 1 2 "));
        assertEquals(AsciiFields.INVALID, number("  -12"));
        assertEquals(Long.MAX_VALUE, number(Long.toString(Long.MAX_VALUE)));
        assertEquals(AsciiFields.INVALID, number("99999999999999999999"), "over a signed long");
    }

    private long number(final String text)
    {
        stream.putStringWithoutLengthAscii(0, text);
        return AsciiFields.parseNumber(stream, 0, text.length());
    }

    private int encodeEveryPacket()
    {
        final UnsafeBuffer payload = new UnsafeBuffer("ITChi".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int length = 0;
        length += SoupBinTcpEncoder.loginRequest(stream, length, "feed", "s3cret", "", 1);
        length += SoupBinTcpEncoder.loginAccepted(stream, length, "GLIMPSE", 42);
        length += SoupBinTcpEncoder.loginRejected(stream, length, SoupBinTcp.REJECT_NOT_AUTHORIZED);
        length += SoupBinTcpEncoder.sequencedData(stream, length, payload, 0, 3);
        length += SoupBinTcpEncoder.unsequencedData(stream, length, payload, 3, 2);
        length += SoupBinTcpEncoder.debug(stream, length, "debug text");
        length += SoupBinTcpEncoder.serverHeartbeat(stream, length);
        length += SoupBinTcpEncoder.clientHeartbeat(stream, length);
        length += SoupBinTcpEncoder.endOfSession(stream, length);
        length += SoupBinTcpEncoder.logoutRequest(stream, length);
        return length;
    }

    private boolean record(final byte type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case SoupBinTcp.LOGIN_REQUEST:
                assertTrue(loginRequest.wrap(buffer, offset, length));
                packets.add("L user=" + loginRequest.username() +
                    (loginRequest.passwordEquals("s3cret") ? " password-ok" : " password-bad") +
                    " current-session=" + loginRequest.isCurrentSessionRequested() +
                    " seq=" + loginRequest.requestedSequenceNumber());
                break;
            case SoupBinTcp.LOGIN_ACCEPTED:
                assertTrue(loginAccepted.wrap(buffer, offset, length));
                packets.add("A session=" + loginAccepted.session() + " seq=" + loginAccepted.sequenceNumber());
                break;
            case SoupBinTcp.LOGIN_REJECTED:
                assertTrue(loginRejected.wrap(buffer, offset, length));
                packets.add("J " + (char)loginRejected.reasonCode());
                break;
            case SoupBinTcp.SEQUENCED_DATA:
            case SoupBinTcp.UNSEQUENCED_DATA:
                packets.add((char)type + " " + length + " bytes " +
                    buffer.getStringWithoutLengthAscii(offset, Math.min(3, length)));
                break;
            case SoupBinTcp.DEBUG:
                packets.add("+ " + buffer.getStringWithoutLengthAscii(offset, length));
                break;
            default:
                assertEquals(0, length, "no payload");
                packets.add(String.valueOf((char)type));
        }
        return true;
    }
}
