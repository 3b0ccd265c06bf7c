package org.feedhandler.cli;

import org.agrona.DirectBuffer;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.common.Json;
import org.feedhandler.config.Configuration;
import org.feedhandler.pipeline.GlimpseBooks;
import org.feedhandler.sim.GlimpseServer;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherTap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code publish}'s GLIMPSE wiring: the simulator may not use books or the pipeline (the layers put
 * {@code sim} beside, not above, {@code pipeline}), so the command hands the {@link org.feedhandler.sim.Publisher}
 * this tap, which feeds every message sent to a {@link GlimpseBooks} on the send thread and lets it build
 * the snapshots the {@link GlimpseServer} asks for between packets (see {@link GlimpseBooks} for the
 * threads). Also the figures of {@code publish}'s result and {@code --snapshot-save}.
 */
final class SnapshotTap implements PublisherTap
{
    /** How long a login waits for the send thread to build its snapshot before the connection is closed. */
    static final long TIMEOUT_MS = 10_000;

    private final GlimpseBooks books;

    SnapshotTap(final GlimpseBooks books)
    {
        this.books = books;
    }

    /**
     * Books for the stream {@code publish} will send: the generator rests at most
     * {@link PublisherContext#DEFAULT_MAX_LIVE_ORDERS} orders, a file no more than it has Add Orders
     * (36 bytes each), capped at the handler's default capacities.
     */
    static GlimpseBooks books(final Path file)
    {
        final long bound;
        try
        {
            bound = null == file ? 2L * PublisherContext.DEFAULT_MAX_LIVE_ORDERS : Files.size(file) / 36 + 1024;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new GlimpseBooks(new OrderBooks(new OrderBooks.Context()
            .maxOrders((int)Math.min(bound, Configuration.BOOK_MAX_ORDERS_DEFAULT))
            .maxLevels((int)Math.min(bound, Configuration.BOOK_MAX_LEVELS_DEFAULT))));
    }

    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
    {
        books.onMessage(buffer, offset, length, sequenceNumber);
    }

    public int poll(final long nextSequence)
    {
        return books.poll(nextSequence);
    }

    public void onSendEnd(final long nextSequence)
    {
        books.onSendEnd(nextSequence);
    }

    /**
     * Write the session a login would get now (the sender is done) to {@code file}.
     */
    static void save(final GlimpseBooks books, final String session, final Path file) throws IOException
    {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))
        {
            GlimpseServer.writeSession(books.snapshot(TIMEOUT_MS), session, out);
        }
    }

    /**
     * @return {@code result} with a {@code "snapshot"} member when there is a GLIMPSE server or books.
     */
    static String json(final Json.ObjectValue result, final GlimpseServer server, final GlimpseBooks books)
    {
        if (null != books)
        {
            final Json.ObjectValue snapshot = Json.object();
            if (null != server)
            {
                snapshot.put("port", server.port())
                    .put("logins", server.loginsAccepted())
                    .put("rejectedLogins", server.loginsRejected())
                    .put("snapshots", server.snapshotsCompleted())
                    .put("messages", server.messagesSent())
                    .put("failures", server.snapshotFailures());
            }
            snapshot.put("built", books.snapshots())
                .put("lastSequence", books.lastSequence())
                .put("lastMessages", books.lastMessages())
                .put("lastOrders", books.lastOrders())
                .put("lastBytes", books.lastBytes())
                .put("lastBuildMillis", Json.of(books.lastBuildNanos() / 1e6, 3))
                .put("maxBuildMillis", Json.of(books.maxBuildNanos() / 1e6, 3))
                .put("bookRejects", books.rejectedMessages() + books.books().counters().ordersFull() +
                    books.books().counters().levelsFull());
            result.put("snapshot", snapshot);
        }
        return result.toString();
    }

    /**
     * @return the GLIMPSE figures as a sentence to append to the summary, or empty.
     */
    static String summary(final GlimpseServer server, final GlimpseBooks books)
    {
        if (null == books)
        {
            return "";
        }
        return String.format(Locale.ROOT,
            "; GLIMPSE: %d logins (%d refused), %d snapshots served, %,d messages; last snapshot at sequence %d: " +
            "%,d messages, %,d orders, %,d bytes; longest build %.3f ms",
            null == server ? 0 : server.loginsAccepted(), null == server ? 0 : server.loginsRejected(),
            null == server ? 0 : server.snapshotsCompleted(), null == server ? 0 : server.messagesSent(),
            books.lastSequence(), books.lastMessages(), books.lastOrders(), books.lastBytes(),
            books.maxBuildNanos() / 1e6);
    }
}
