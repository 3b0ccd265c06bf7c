package org.feedhandler.pipeline;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.agrona.DirectBuffer;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.itch.ItchMessage;

/**
 * A GLIMPSE server's books: the messages a sender has sent, in sequence order, built into
 * {@link OrderBooks} through the project's decoder and {@link BookBuilder}, and snapshots of them,
 * each consistent at one sequence number, for the logins that ask.
 * <p>
 * <b>Threads.</b> One thread writes the books, the sender's ({@link #onMessage}, {@link #poll},
 * {@link #onSendEnd}); any number of GLIMPSE connection threads ask for snapshots ({@link #snapshot}).
 * The books are never read by a connection thread while the sender writes them, and the sender never
 * takes a lock or waits for a connection:
 * <ol>
 *   <li>a connection queues a request (a future) and waits for it;</li>
 *   <li>the sender, between packets, sees the queue non-empty (its only cost when nobody asks is one
 *       look at the queue's head), builds one snapshot of the books as they stand (every message before
 *       {@code nextSequence}, none after) into a fresh {@link GlimpseSnapshot}, and completes every
 *       waiting request with it: the future hands the snapshot over with a happens-before edge, and
 *       the snapshot is read-only from then on, so several connections can send it at once;</li>
 *   <li>once the sender is done ({@link #onSendEnd}), the books no longer change, and a request is
 *       served on the connection's own thread.</li>
 * </ol>
 * The sender pays for building a snapshot (copying every resting order once, milliseconds for a
 * hundred thousand orders) only when a handler logs in; that pause is lag on the messages behind it,
 * which the open-loop sender reports like any other stall. Copying the books to another thread on every
 * message, or locking them, would tax every message for the sake of a rare login.
 */
public final class GlimpseBooks implements MessageHandler
{
    private final OrderBooks books;
    private final BookBuilder bookBuilder;
    private final ItchDecoder decoder;
    private final GlimpseSnapshotBuilder snapshotBuilder = new GlimpseSnapshotBuilder();
    private final Queue<CompletableFuture<GlimpseSnapshot>> requests = new ConcurrentLinkedQueue<>();
    private long lastTimestamp;
    private long endSequence;
    private volatile boolean sendEnded;

    private volatile long snapshots;
    private volatile long lastSequence = -1;
    private volatile long lastMessages;
    private volatile long lastBytes;
    private volatile long lastOrders;
    private volatile long maxBuildNanos;
    private volatile long lastBuildNanos;

    /**
     * @param books the books to build, empty; owned by the sender's thread from now on.
     */
    public GlimpseBooks(final OrderBooks books)
    {
        this.books = books;
        this.bookBuilder = new BookBuilder(books);
        this.decoder = new ItchDecoder(bookBuilder);
    }

    /**
     * One message sent, in sequence order. Sender's thread.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
    {
        if (length >= ItchMessage.HEADER_LENGTH)
        {
            lastTimestamp = ItchMessage.timestamp(buffer, offset);
        }
        decoder.decode(buffer, offset, length);
    }

    /**
     * Serve the snapshots asked for since the last poll. Sender's thread, between packets.
     *
     * @param nextSequence the sequence number of the first message not yet in the books.
     * @return snapshots built: 0 or 1.
     */
    public int poll(final long nextSequence)
    {
        return requests.isEmpty() ? 0 : serve(nextSequence);
    }

    /**
     * The sender is done: serve what is waiting, and from now on serve requests on the asking thread.
     *
     * @param nextSequence the sequence number a message after the last would carry.
     */
    public void onSendEnd(final long nextSequence)
    {
        endSequence = nextSequence;
        sendEnded = true;
        serve(nextSequence);
    }

    /**
     * A snapshot of the books as the sender has them now. Any thread but the sender's.
     *
     * @param timeoutMs how long to wait for the sender to build it.
     * @return the snapshot, End of Snapshot last; read-only.
     * @throws IllegalStateException when the sender did not build it in time (it is stuck or gone).
     */
    public GlimpseSnapshot snapshot(final long timeoutMs)
    {
        final CompletableFuture<GlimpseSnapshot> request = new CompletableFuture<>();
        requests.add(request);
        if (sendEnded)
        {
            serve(endSequence);
        }
        try
        {
            return request.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            requests.remove(request);
            throw new IllegalStateException("the sender built no snapshot within " + timeoutMs + " ms");
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("building the snapshot failed: " + ex.getCause(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a snapshot");
        }
    }

    private synchronized int serve(final long nextSequence)
    {
        if (requests.isEmpty())
        {
            return 0;
        }
        final long start = System.nanoTime();
        final GlimpseSnapshot snapshot = new GlimpseSnapshot();
        try
        {
            final byte event = bookBuilder.lastSystemEvent();
            snapshotBuilder.build(books, bookBuilder::symbol, 0 == event ? (byte)'O' : event, lastTimestamp,
                nextSequence, snapshot);
        }
        catch (final RuntimeException ex)
        {
            CompletableFuture<GlimpseSnapshot> request;
            while (null != (request = requests.poll()))
            {
                request.completeExceptionally(ex);
            }
            return 1;
        }
        final long buildNanos = System.nanoTime() - start;
        lastSequence = nextSequence;
        lastMessages = snapshot.messageCount();
        lastBytes = snapshot.messageBytes();
        lastOrders = snapshotBuilder.orders();
        maxBuildNanos = Math.max(maxBuildNanos, buildNanos);
        lastBuildNanos = buildNanos;
        snapshots = snapshots + 1;
        CompletableFuture<GlimpseSnapshot> request;
        while (null != (request = requests.poll()))
        {
            request.complete(snapshot);
        }
        return 1;
    }

    /** @return snapshots built (one serves every login waiting at the time). */
    public long snapshots()
    {
        return snapshots;
    }

    /** @return the End of Snapshot sequence of the last snapshot built, -1 before the first. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return messages in the last snapshot, the End of Snapshot included. */
    public long lastMessages()
    {
        return lastMessages;
    }

    /** @return bytes of the last snapshot's messages (without SoupBinTCP framing). */
    public long lastBytes()
    {
        return lastBytes;
    }

    /** @return Add Orders in the last snapshot. */
    public long lastOrders()
    {
        return lastOrders;
    }

    /** @return how long the last snapshot took to build, nanoseconds. */
    public long lastBuildNanos()
    {
        return lastBuildNanos;
    }

    /** @return the longest the sender spent building one snapshot (the first runs cold code), nanoseconds. */
    public long maxBuildNanos()
    {
        return maxBuildNanos;
    }

    /**
     * @return the books; read them only on the sender's thread, or after {@link #onSendEnd}.
     */
    public OrderBooks books()
    {
        return books;
    }

    /** @return messages the decoder refused (unknown types, malformed), which the books therefore miss. */
    public long rejectedMessages()
    {
        return decoder.unknown() + decoder.malformed();
    }
}
