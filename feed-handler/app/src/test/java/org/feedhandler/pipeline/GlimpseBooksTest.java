package org.feedhandler.pipeline;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.book.BookComparison;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.protocol.itch.GlimpseDecoder;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.sim.MarketGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-over between the sender's thread, which owns the books, and the threads that ask for
 * snapshots: a snapshot is built by the sender between messages, at one sequence number, and once the
 * sender is done, on the asking thread.
 */
@Timeout(60)
class GlimpseBooksTest
{
    private final GlimpseBooks books = new GlimpseBooks(newBooks());
    private final MarketGenerator generator = new MarketGenerator(9, 20, 5_000, MarketGenerator.Flow.CLUSTERED);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
    private long nextSequence = 1;

    private static OrderBooks newBooks()
    {
        return new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 16));
    }

    private void send(final long messages)
    {
        for (long i = 0; i < messages; i++)
        {
            final int length = generator.next(message, 0, 34_200_000_000_000L + nextSequence);
            books.onMessage(message, 0, length, nextSequence++);
        }
    }

    /** Load a snapshot into fresh books, as a handler would; returns its End of Snapshot sequence. */
    private static long load(final GlimpseSnapshot snapshot, final OrderBooks into)
    {
        final long[] end = {-1};
        snapshot.forEach(new GlimpseDecoder(new ItchDecoder(new BookBuilder(into)), sequence -> end[0] = sequence));
        return end[0];
    }

    @Test
    void shouldBuildTheSnapshotOnTheSendersThreadBetweenMessagesAtOneSequence() throws Exception
    {
        send(20_000);
        final CompletableFuture<GlimpseSnapshot> login = CompletableFuture.supplyAsync(() -> books.snapshot(30_000));
        // the sender goes on sending and polls between "packets" until it has served the login
        long builtAt = -1;
        while (builtAt < 0)
        {
            if (books.poll(nextSequence) > 0)
            {
                builtAt = nextSequence;
            }
            else
            {
                send(10);
            }
        }
        final GlimpseSnapshot snapshot = login.get();

        final OrderBooks loaded = newBooks();
        assertEquals(builtAt, load(snapshot, loaded), "End of Snapshot: the first message the books lack");
        assertNull(BookComparison.firstDifference(books.books(), loaded), "the books as they stood at the poll");
        assertTrue(books.books().restingOrders() > 100, "orders rest: " + books.books().restingOrders());
        assertEquals(1, books.snapshots());
        assertEquals(builtAt, books.lastSequence());
        assertEquals(snapshot.messageCount(), books.lastMessages());
        assertEquals(0, books.rejectedMessages());
        assertEquals(0, books.poll(nextSequence), "nothing asked: nothing built");
    }

    @Test
    void shouldServeOnTheAskingThreadOnceTheSenderIsDone()
    {
        send(5_000);
        books.onSendEnd(nextSequence);

        final GlimpseSnapshot first = books.snapshot(30_000);
        final GlimpseSnapshot second = books.snapshot(30_000);
        final OrderBooks loaded = newBooks();
        assertEquals(5_001, load(second, loaded));
        assertNull(BookComparison.firstDifference(books.books(), loaded));
        assertEquals(first.messageCount(), second.messageCount());
        assertTrue(first != second, "each snapshot is a fresh one, so connections never share a buffer being built");
        assertEquals(2, books.snapshots());
    }

    @Test
    void shouldGiveUpNamingTheTimeoutWhenTheSenderNeverPolls()
    {
        send(100);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> books.snapshot(20));
        assertEquals("the sender built no snapshot within 20 ms", ex.getMessage());
        assertEquals(0, books.poll(nextSequence), "the abandoned request was withdrawn");
        assertEquals(0, books.snapshots());
    }
}
