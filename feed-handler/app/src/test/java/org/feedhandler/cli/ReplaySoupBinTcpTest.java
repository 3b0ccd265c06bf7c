package org.feedhandler.cli;

import org.feedhandler.book.OrderBooks;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.pipeline.BookBuilder;
import org.feedhandler.pipeline.GlimpseSnapshotBuilder;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.sim.GlimpseServer;
import org.feedhandler.sim.MarketGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.feedhandler.cli.ReplayCommandTest.json;
import static org.feedhandler.cli.ReplayCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay --format soupbintcp} of a GLIMPSE session written by the simulator's server code, whole and
 * damaged: every damage is counted by cause, everything readable still reaches the books, and the exit
 * status says which kind of trouble it was (3 cut, 65 unreadable data).
 */
class ReplaySoupBinTcpTest
{
    private static final int LOGIN_ACCEPTED_BYTES = 33;

    @TempDir
    Path dir;

    private final byte[] session = session();
    private final int sequencedData = sequencedDataCount();

    private static GlimpseSnapshot snapshot()
    {
        final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 16));
        final BookBuilder builder = new BookBuilder(books);
        new MarketGenerator(3, 10, 5_000, MarketGenerator.Flow.CLUSTERED).generate(20_000, new ItchDecoder(builder));
        return new GlimpseSnapshotBuilder().build(books, builder::symbol, (byte)'Q', 0, 20_001, new GlimpseSnapshot());
    }

    private static byte[] session()
    {
        try
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            GlimpseServer.writeSession(snapshot(), "GLIMPSE", bytes);
            return bytes.toByteArray();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static int sequencedDataCount()
    {
        return snapshot().messageCount();
    }

    private ReplayCommandTest.Run replay(final byte[] bytes) throws Exception
    {
        final Path file = dir.resolve("session.soup");
        Files.write(file, bytes);
        return run("replay", file.toString(), "--format", "soupbintcp", "--json");
    }

    @SuppressWarnings("unchecked")
    private static long skipped(final Map<String, Object> doc, final String cause)
    {
        return ((Number)((Map<String, Object>)doc.get("skipped")).get(cause)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Object soupbintcp(final Map<String, Object> doc, final String key)
    {
        return ((Map<String, Object>)doc.get("soupbintcp")).get(key);
    }

    @Test
    void shouldReadAWholeSessionToTheEndOfSnapshotWithNothingSkipped() throws Exception
    {
        final ReplayCommandTest.Run run = replay(session);
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals((long)sequencedData, soupbintcp(doc, "sequencedData"));
        assertEquals(20_001L, soupbintcp(doc, "endOfSnapshotSequence"));
        assertEquals(true, soupbintcp(doc, "endOfSession"));
        assertEquals(0L, skipped(doc, "bytes"));
        assertFalse(((java.util.List<?>)doc.get("books")).isEmpty(), "books built");
    }

    @Test
    void shouldExit3WhenTheFileEndsInsideAPacket() throws Exception
    {
        final ReplayCommandTest.Run run = replay(Arrays.copyOf(session, session.length - 4));
        assertEquals(ExitCodes.TRUNCATED, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(true, doc.get("truncated"));
        // the End of Session (3 bytes) and the last byte of the End of Snapshot packet (2 + 1 + 21) are gone
        assertEquals(24L - 1, skipped(doc, "cutRecordBytes"), run.err());
        assertEquals((long)sequencedData - 1, soupbintcp(doc, "sequencedData"));
        assertEquals(-1L, soupbintcp(doc, "endOfSnapshotSequence"));
    }

    @Test
    void shouldExit65CountingGarbageAfterAZeroPacketLength() throws Exception
    {
        final byte[] bytes = session.clone();
        final int at = LOGIN_ACCEPTED_BYTES; // the first Sequenced Data's Packet Length becomes 0
        bytes[at] = 0;
        bytes[at + 1] = 0;
        final ReplayCommandTest.Run run = replay(bytes);
        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(bytes.length - at - 2L, skipped(doc, "garbageBytes"));
        assertEquals(1L, skipped(doc, "badLengths"));
        assertEquals(0L, soupbintcp(doc, "sequencedData"));
        assertTrue(run.err().contains("Packet Length of 0"), run.err());
    }

    @Test
    void shouldExit65CountingAnUnknownPacketTypeAndReadOnPastIt() throws Exception
    {
        final byte[] bytes = session.clone();
        bytes[LOGIN_ACCEPTED_BYTES + 2] = 'Q'; // the first Sequenced Data becomes a type SoupBinTCP lacks
        final ReplayCommandTest.Run run = replay(bytes);
        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(1L, skipped(doc, "unknownPackets"));
        assertEquals((long)sequencedData - 1, soupbintcp(doc, "sequencedData"));
        assertEquals(20_001L, soupbintcp(doc, "endOfSnapshotSequence"));
        assertTrue(run.err().contains("packets of a type SoupBinTCP does not define"), run.err());
    }

    @Test
    void shouldExit65CountingBytesAfterTheEndOfSession() throws Exception
    {
        final byte[] bytes = Arrays.copyOf(session, session.length + 7);
        final ReplayCommandTest.Run run = replay(bytes);
        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(7L, skipped(doc, "afterEndMarkerBytes"));
        assertEquals((long)sequencedData, soupbintcp(doc, "sequencedData"));
    }

    @Test
    void shouldExit65CountingALoginAcceptedOfTheWrongLength() throws Exception
    {
        final byte[] bytes = session.clone();
        bytes[1] = 30; // Login Accepted's Packet Length 31 -> 30: its last byte becomes the next packet's first
        final ReplayCommandTest.Run run = replay(bytes);
        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        assertTrue(skipped(json(run), "badLengths") >= 1, run.out());
    }
}
