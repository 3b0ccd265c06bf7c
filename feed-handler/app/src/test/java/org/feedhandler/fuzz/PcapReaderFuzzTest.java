package org.feedhandler.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.feedhandler.protocol.pcap.PcapFormatException;
import org.feedhandler.protocol.pcap.PcapReader;
import org.feedhandler.protocol.pcap.UdpFrameDecoder;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pcap reader against arbitrary captures. Seeds: the real BATS captures (see this class's Inputs
 * directory).
 * <p>
 * Properties: nothing escapes but {@link PcapFormatException} for a file that is no capture; every frame
 * read is counted once, as a short frame, non-IPv4, malformed, non-UDP, fragment or UDP, and every UDP
 * datagram as filtered or delivered; each delivered payload lies inside the buffer; the reader ends at
 * the end of the file or reports where the damage is.
 */
class PcapReaderFuzzTest
{
    private final Bounded bounded = new Bounded();

    @FuzzTest(maxDuration = "5s")
    void read(final byte[] input)
    {
        bounded.run("PcapReader", () ->
        {
            final Path file = bounded.write(input);
            final PcapReader reader;
            try
            {
                reader = PcapReader.open(file);
            }
            catch (final PcapFormatException expected)
            {
                return null;
            }
            try (reader)
            {
                // every other datagram filtered: both branches counted
                reader.frames().destinationFilter(input.length > 40 ? input[40] : 0, 0);
                final long[] delivered = {0};
                final long records = reader.readAll(
                    (timestampNanos, srcIp, srcPort, dstIp, dstPort, buffer, offset, length) ->
                    {
                        delivered[0]++;
                        assertTrue(length >= 0 && offset >= 0 && offset + length <= buffer.capacity(),
                            "payload [" + offset + ", +" + length + ") outside the buffer of " + buffer.capacity());
                    });
                assertEquals(records, reader.packets());
                final UdpFrameDecoder frames = reader.frames();
                assertEquals(reader.packets(), frames.shortFrames() + frames.snapLengthCuts() + frames.nonIpv4() +
                    frames.malformed() + frames.nonUdp() + frames.fragments() + frames.udp(), "every frame counted once");
                assertEquals(frames.udp(), frames.filtered() + frames.delivered());
                assertEquals(delivered[0], frames.delivered());
                assertTrue(reader.isDone());
                assertTrue(reader.truncated() ? reader.errorOffset() >= 0 && null != reader.errorMessage() :
                    reader.position() == input.length, "ends at the end or says where it stopped");
            }
            return null;
        });
    }
}
