package org.feedhandler.sim;

import org.feedhandler.latency.MidnightClock;
import org.agrona.DirectBuffer;
import org.feedhandler.TestData;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;
import org.feedhandler.protocol.itch.ItchMessage;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.protocol.moldudp64.SequencerContext;
import org.feedhandler.protocol.moldudp64.SequencerListener;
import org.feedhandler.transport.AeronSource;
import org.feedhandler.transport.AeronTransport;
import org.feedhandler.transport.Loopback;
import org.feedhandler.protocol.PacketHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
@Timeout(60)
class PublisherSourcesTest
{
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final MidnightClock clock = new MidnightClock();

    @AfterEach
    void after()
    {
        executor.shutdownNow();
    }

    private static final class Collector implements PacketHandler
    {
        final List<byte[]> messages = new ArrayList<>();
        final long[] timestamps = new long[100_001];
        final MoldUdp64Sequencer sequencer = new MoldUdp64Sequencer(this::onMessage, SequencerListener.NO_OP, new SequencerContext().followSessionChange(false));
        final boolean keep;

        Collector(final boolean keep)
        {
            this.keep = keep;
        }

        private void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequence)
        {
            timestamps[(int)Math.min(sequence, timestamps.length - 1)] = ItchMessage.timestamp(buffer, offset);
            if (keep)
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                messages.add(bytes);
            }
        }

        public void onPacket(
            final DirectBuffer buffer, final int offset, final int length, final long receiveNanos, final int line)
        {
            sequencer.onPacket(buffer, offset, length, line, receiveNanos);
        }
    }

    @Test
    void shouldPublishOverAeronIpcThroughTheSubscribersDriver() throws Exception
    {
        try (AeronTransport transport = AeronTransport.launchEmbedded();
            AeronSource source = transport.addSource("aeron:ipc", 2002))
        {
            final Collector collector = new Collector(false);
            try (Publisher publisher = Publisher.launch(new PublisherContext()
                .channel(PublisherChannel.parse("aeron:ipc")).streamId(2002).aeronDir(transport.aeronDirectoryName())
                .rate(100_000).messages(20_000).idle("yield").retransmitAddress(null).midnightClock(clock)))
            {
                final Future<PublisherResult> result = executor.submit(publisher::run);
                final long deadline = System.nanoTime() + 20_000_000_000L;
                while (collector.sequencer.nextExpected() <= 20_000 && System.nanoTime() < deadline)
                {
                    source.poll(collector, 64);
                }
                assertEquals(20_000, result.get().sent());
            }
            assertEquals(20_000, collector.sequencer.counters().messagesDelivered());
            assertEquals(0, collector.sequencer.counters().gaps());
            for (int sequence = 2; sequence <= 20_000; sequence++)
            {
                assertEquals(10_000, collector.timestamps[sequence] - collector.timestamps[sequence - 1]);
            }
        }
    }

    @Test
    void shouldPublishTheBLineOnTheNextAeronStream() throws Exception
    {
        try (AeronTransport transport = AeronTransport.launchEmbedded();
            AeronSource lineA = transport.addSource("aeron:ipc", 3003, Lines.A, System::nanoTime);
            AeronSource lineB = transport.addSource("aeron:ipc", 3004, Lines.B, System::nanoTime))
        {
            final Collector onA = new Collector(false);
            final Collector onB = new Collector(false);
            try (Publisher publisher = Publisher.launch(new PublisherContext()
                .channel(PublisherChannel.parse("aeron:ipc")).streamId(3003).ab(true).loss(0.05)
                .aeronDir(transport.aeronDirectoryName())
                .rate(50_000).messages(5_000).idle("yield").retransmitAddress(null).midnightClock(clock)))
            {
                final Future<PublisherResult> result = executor.submit(publisher::run);
                final long deadline = System.nanoTime() + 20_000_000_000L;
                while (!result.isDone() && System.nanoTime() < deadline)
                {
                    lineA.poll(onA, 64);
                    lineB.poll(onB, 64);
                }
                for (int i = 0; i < 100; i++)
                {
                    lineA.poll(onA, 64);
                    lineB.poll(onB, 64);
                }
                assertTrue(result.get().dropped() > 0);
            }
            // each stream saw the whole sequence space, with its own losses
            assertEquals(5_001, onA.sequencer.nextExpected());
            assertEquals(5_001, onB.sequencer.nextExpected());
            assertTrue(onA.sequencer.counters().missingMessages() > 0 && onB.sequencer.counters().missingMessages() > 0);
            assertTrue(onA.sequencer.counters().missingMessages() != onB.sequencer.counters().missingMessages() ||
                onA.sequencer.counters().gaps() != onB.sequencer.counters().gaps(), "independent losses");
        }
    }

    @Test
    void shouldSendABinaryFileRestampingOnlyTheTimestamps() throws Exception
    {
        final Path file = TestData.real("nasdaq_01302019_first3msgs.binaryfile");
        final List<byte[]> originals = new ArrayList<>();
        try (BinaryFileReader reader = BinaryFileReader.open(file))
        {
            reader.readAll((buffer, offset, length, sequence) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                originals.add(bytes);
            });
        }

        final InetSocketAddress group = Loopback.group();
        final Collector collector = new Collector(true);
        try (FeedReceiver receiver = new FeedReceiver(group, null, clock, 10, false);
            Publisher publisher = Publisher.launch(new PublisherContext().file(file)
                .channel(PublisherChannel.parse("udp://" + group.getAddress().getHostAddress() + ":" +
                    group.getPort() + "?interface=lo"))
                .rate(1000).idle("backoff").retransmitAddress(null).midnightClock(clock)))
        {
            final Future<PublisherResult> result = executor.submit(publisher::run);
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (collector.sequencer.nextExpected() <= 3 && System.nanoTime() < deadline)
            {
                receiver.source.poll(collector, 10);
            }
            assertEquals(3, result.get().sent());
        }

        assertEquals(3, collector.messages.size());
        for (int i = 0; i < 3; i++)
        {
            final byte[] expected = originals.get(i).clone();
            final byte[] actual = collector.messages.get(i);
            System.arraycopy(actual, ItchMessage.TIMESTAMP_OFFSET, expected, ItchMessage.TIMESTAMP_OFFSET, 6);
            assertArrayEquals(expected, actual, "message " + (i + 1) + " differs beyond its timestamp");
        }
        assertEquals(1_000_000, collector.timestamps[2] - collector.timestamps[1]);
        assertTrue(collector.timestamps[1] > 0);
    }
}
