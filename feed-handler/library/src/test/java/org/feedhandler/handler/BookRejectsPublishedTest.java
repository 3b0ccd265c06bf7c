package org.feedhandler.handler;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.status.CountersFile;
import org.feedhandler.status.CountersFileReader;
import org.feedhandler.status.FeedCounters;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;
import org.feedhandler.transport.PacketSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Book rejects fed through the receiver's real path (packet source, sequencer, decoder, books) reach the
 * counters file, where {@code stat} reads them, and the reporter's progress line.
 */
class BookRejectsPublishedTest
{
    private static final int LOCATE = 7;

    @TempDir
    Path dir;

    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
    private final UnsafeBuffer msg = new UnsafeBuffer(new byte[64]);
    private final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400)
        .session(MoldUdp64.sessionHigh("S"), MoldUdp64.sessionLow("S"));

    @Test
    void shouldCountEachKindOfBookRejectInTheCountersFileAndTheProgressLine() throws Exception
    {
        final Path file = dir.resolve("counters");
        try (CountersFile countersFile = CountersFile.create(file, 64, SystemEpochClock.INSTANCE))
        {
            final FeedCounters counters = new FeedCounters(countersFile.countersManager(), 1);
            final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(3).maxLevels(2));
            final FeedPipeline pipeline = new FeedPipeline(new FeedPipeline.Context().books(books));

            builder.begin(1);
            add(1, 'B', 100, 10_000);                 // rests
            add(1, 'B', 100, 10_000);                 // duplicate order reference
            add(2, 'X', 100, 10_000);                 // side not B or S
            append(ItchEncoder.orderExecuted(msg, 0, LOCATE, 0, 0, 99, 10, 1));   // unknown order reference
            append(ItchEncoder.orderCancel(msg, 0, LOCATE, 0, 0, 1, 150));        // 150 of 100 shares: removed
            add(3, 'B', 100, 10_100);                 // the first of two levels
            add(4, 'B', 100, 10_200);                 // the second
            add(5, 'B', 100, 10_300);                 // a third level: levels full
            add(6, 'B', 100, 10_100);                 // the third order
            add(7, 'B', 100, 10_100);                 // a fourth: orders full
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final FeedHandler.Context ctx = new FeedHandler.Context()
                .console(new PrintStream(console, true, StandardCharsets.UTF_8))
                .progress(true);
            ctx.packetSource = new OnePacket(builder.length());
            ctx.pipeline = pipeline;
            ctx.counters = counters;
            ctx.contextSwitches = counters.newCounter("context switches");
            ctx.receiverCpu = -1;
            ctx.reportIntervalMs = 1;
            ctx.ctxswWarn = 1_000;
            ctx.lines = 1;
            final ReceiverAgent receiver = new ReceiverAgent(ctx);

            assertTrue(receiver.doWork() > 0);
            receiver.onClose();

            final Map<String, Long> stat = new LinkedHashMap<>();
            try (CountersFileReader reader = CountersFileReader.open(file))
            {
                reader.countersReader().forEach(
                    (id, typeId, key, label) -> stat.put(label, reader.countersReader().getCounterValue(id)));
            }
            assertEquals(6L, stat.get("book rejects"), stat::toString);
            assertEquals(1L, stat.get("book rejects: unknown order reference"));
            assertEquals(1L, stat.get("book rejects: duplicate order reference"));
            assertEquals(1L, stat.get("book rejects: side not B or S"));
            assertEquals(0L, stat.get("book rejects: value out of range"), "the wire's u16 and u32 always fit");
            assertEquals(1L, stat.get("book rejects: shares beyond the order"));
            assertEquals(1L, stat.get("book rejects: orders full (feed.book.max.orders)"));
            assertEquals(1L, stat.get("book rejects: levels full (feed.book.max.levels)"));
            assertEquals(2L, stat.get("capacity rejects"));
            assertEquals(3L, books.restingOrders());

            final ReporterAgent reporter = new ReporterAgent(ctx, receiver);
            reporter.onStart();
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (0 == reporter.doWork() && System.nanoTime() < deadline)
            {
                Thread.yield(); // the report falls due a millisecond after the start
            }
            final String progress = console.toString(StandardCharsets.UTF_8);
            assertTrue(progress.contains("| book rejects 6 stale books 0"), progress);
        }
    }

    private void add(final long ref, final char side, final long shares, final long price)
    {
        append(ItchEncoder.addOrder(msg, 0, LOCATE, 0, 0, ref, (byte)side, shares, 0, price));
    }

    private void append(final int length)
    {
        assertTrue(builder.append(msg, 0, length));
    }

    private final class OnePacket implements PacketSource
    {
        private final int length;
        private boolean sent;

        OnePacket(final int length)
        {
            this.length = length;
        }

        public int poll(final PacketHandler handler, final int limit)
        {
            if (sent)
            {
                return 0;
            }
            sent = true;
            handler.onPacket(packet, 0, length, 1_000_000_000L, Lines.A);
            return 1;
        }

        public void close()
        {
        }
    }
}
