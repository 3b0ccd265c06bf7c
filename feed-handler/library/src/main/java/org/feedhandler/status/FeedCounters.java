package org.feedhandler.status;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * The handler's counters, allocated in a {@link CountersManager} (normally over a {@link CountersFile}), each
 * an {@link AtomicCounter} with a type id and a label that {@code feed-handler stat} prints.
 * <p>
 * The hot path never writes these directly per event: it counts in {@link LocalCounter}s and publishes them
 * once per duty cycle. Per-line counters carry the line's index (0 = A, 1 = B) as their key.
 */
public final class FeedCounters
{
    public static final int PACKETS_TYPE_ID = 1;
    public static final int MESSAGES_TYPE_ID = 2;
    public static final int BYTES_TYPE_ID = 3;
    public static final int GAPS_TYPE_ID = 4;
    public static final int DUPLICATES_TYPE_ID = 5;
    public static final int MALFORMED_TYPE_ID = 6;
    public static final int UNKNOWN_TYPES_TYPE_ID = 7;
    public static final int KERNEL_DROPS_TYPE_ID = 8;
    public static final int LONGEST_DUTY_CYCLE_TYPE_ID = 9;
    public static final int RECOVERED_TYPE_ID = 10;
    public static final int UNRECOVERED_TYPE_ID = 11;
    public static final int RETRANSMIT_REQUESTS_TYPE_ID = 12;
    public static final int STALE_BOOKS_TYPE_ID = 13;
    public static final int CAPACITY_REJECTS_TYPE_ID = 14;
    public static final int ERRORS_TYPE_ID = 15;

    public static final int FOREIGN_SESSION_TYPE_ID = 30;
    public static final int IMPLAUSIBLE_SEQUENCE_TYPE_ID = 31;
    public static final int SESSION_CHANGES_TYPE_ID = 32;
    public static final int END_OF_SESSION_TYPE_ID = 33;
    public static final int HEARTBEATS_TYPE_ID = 34;
    public static final int HOLD_STORE_OVERFLOWS_TYPE_ID = 35;

    public static final int LINE_PACKETS_TYPE_ID = 20;
    public static final int LINE_FIRST_ARRIVALS_TYPE_ID = 21;
    public static final int LINE_DUPLICATES_TYPE_ID = 22;
    public static final int LINE_SILENT_TYPE_ID = 23;

    /** Type id of {@code book rejects}, the total; each kind has {@link #BOOK_REJECT_KIND_TYPE_ID}. */
    public static final int BOOK_REJECTS_TYPE_ID = 40;
    /** Type id of each kind of book reject; the key is the kind (1..7). */
    public static final int BOOK_REJECT_KIND_TYPE_ID = 41;

    public static final int SNAPSHOT_RECOVERIES_TYPE_ID = 50;
    public static final int SNAPSHOT_MESSAGES_TYPE_ID = 51;
    public static final int SNAPSHOT_MILLISECONDS_TYPE_ID = 52;
    public static final int SNAPSHOT_FAILURES_TYPE_ID = 53;
    public static final int SNAPSHOT_BUFFERED_PACKETS_TYPE_ID = 54;
    public static final int SNAPSHOT_BUFFER_OVERFLOWS_TYPE_ID = 55;
    public static final int SNAPSHOT_SEQUENCE_TYPE_ID = 56;
    public static final int SNAPSHOT_STATE_TYPE_ID = 57;
    public static final int SNAPSHOT_RECEIVER_BUSY_TYPE_ID = 58;

    /** {@link #snapshotState()}: no snapshot loading. */
    public static final int SNAPSHOT_STATE_IDLE = 0;
    /** {@link #snapshotState()}: a snapshot is loading, live packets are buffered. */
    public static final int SNAPSHOT_STATE_LOADING = 1;

    /** Type id of counters registered by label with {@link #newCounter(String)}. */
    public static final int EXTRA_TYPE_ID = 100;

    public static final int MAX_LINES = 2;

    /** The counters of one line of an A/B pair. */
    public static final class LineCounters
    {
        private final int index;
        private final AtomicCounter packets;
        private final AtomicCounter firstArrivals;
        private final AtomicCounter duplicates;
        private final AtomicCounter silent;

        LineCounters(final CountersManager manager, final int index)
        {
            this.index = index;
            final String prefix = "line " + lineName(index) + " ";
            packets = lineCounter(manager, prefix + "packets", LINE_PACKETS_TYPE_ID, index);
            firstArrivals = lineCounter(manager, prefix + "first arrivals", LINE_FIRST_ARRIVALS_TYPE_ID, index);
            duplicates = lineCounter(manager, prefix + "duplicates", LINE_DUPLICATES_TYPE_ID, index);
            silent = lineCounter(manager, prefix + "silent", LINE_SILENT_TYPE_ID, index);
        }

        private static AtomicCounter lineCounter(
            final CountersManager manager, final String label, final int typeId, final int index)
        {
            return manager.newCounter(label, typeId, (key) -> key.putInt(0, index));
        }

        /**
         * @return 0 for line A, 1 for line B.
         */
        public int index()
        {
            return index;
        }

        /**
         * @return packets received on this line.
         */
        public AtomicCounter packets()
        {
            return packets;
        }

        /**
         * @return packets this line delivered first (the other line's copy, if any, came later).
         */
        public AtomicCounter firstArrivals()
        {
            return firstArrivals;
        }

        /**
         * @return packets this line delivered after the other line had.
         */
        public AtomicCounter duplicates()
        {
            return duplicates;
        }

        /**
         * @return 1 while the line is silent (nothing for {@code feed.line.silence.ms}), else 0.
         */
        public AtomicCounter silent()
        {
            return silent;
        }
    }

    private final CountersManager manager;
    private final AtomicCounter packets;
    private final AtomicCounter messages;
    private final AtomicCounter bytes;
    private final AtomicCounter gaps;
    private final AtomicCounter duplicates;
    private final AtomicCounter malformed;
    private final AtomicCounter unknownTypes;
    private final AtomicCounter kernelDrops;
    private final AtomicCounter longestDutyCycleNs;
    private final AtomicCounter recovered;
    private final AtomicCounter unrecovered;
    private final AtomicCounter retransmitRequests;
    private final AtomicCounter staleBooks;
    private final AtomicCounter capacityRejects;
    private final AtomicCounter errors;
    private final AtomicCounter foreignSessionPackets;
    private final AtomicCounter implausibleSequencePackets;
    private final AtomicCounter sessionChanges;
    private final AtomicCounter endOfSession;
    private final AtomicCounter heartbeats;
    private final AtomicCounter holdStoreOverflows;
    private final AtomicCounter snapshotRecoveries;
    private final AtomicCounter snapshotMessages;
    private final AtomicCounter snapshotMilliseconds;
    private final AtomicCounter snapshotFailures;
    private final AtomicCounter snapshotBufferedPackets;
    private final AtomicCounter snapshotBufferOverflows;
    private final AtomicCounter snapshotSequence;
    private final AtomicCounter snapshotState;
    private final AtomicCounter snapshotReceiverBusyUs;
    private final LineCounters[] lines;
    private final BookRejectCounters bookRejects;

    /**
     * Allocate the handler's counters.
     *
     * @param manager   to allocate in.
     * @param lineCount 1 for a single line, 2 for an A/B pair.
     */
    public FeedCounters(final CountersManager manager, final int lineCount)
    {
        if (lineCount < 1 || lineCount > MAX_LINES)
        {
            throw new IllegalArgumentException("lineCount " + lineCount + " not in [1, " + MAX_LINES + "]");
        }
        this.manager = manager;
        packets = manager.newCounter("packets", PACKETS_TYPE_ID);
        messages = manager.newCounter("messages", MESSAGES_TYPE_ID);
        bytes = manager.newCounter("bytes", BYTES_TYPE_ID);
        gaps = manager.newCounter("gaps", GAPS_TYPE_ID);
        duplicates = manager.newCounter("duplicate packets", DUPLICATES_TYPE_ID);
        malformed = manager.newCounter("malformed packets", MALFORMED_TYPE_ID);
        unknownTypes = manager.newCounter("unknown message types", UNKNOWN_TYPES_TYPE_ID);
        kernelDrops = manager.newCounter("kernel rcvbuf drops", KERNEL_DROPS_TYPE_ID);
        longestDutyCycleNs = manager.newCounter("longest duty cycle ns", LONGEST_DUTY_CYCLE_TYPE_ID);
        recovered = manager.newCounter("recovered messages", RECOVERED_TYPE_ID);
        unrecovered = manager.newCounter("unrecovered messages", UNRECOVERED_TYPE_ID);
        retransmitRequests = manager.newCounter("retransmit requests", RETRANSMIT_REQUESTS_TYPE_ID);
        staleBooks = manager.newCounter("stale books", STALE_BOOKS_TYPE_ID);
        capacityRejects = manager.newCounter("capacity rejects", CAPACITY_REJECTS_TYPE_ID);
        errors = manager.newCounter("errors", ERRORS_TYPE_ID);
        foreignSessionPackets = manager.newCounter("foreign session packets", FOREIGN_SESSION_TYPE_ID);
        implausibleSequencePackets = manager.newCounter("implausible sequence packets", IMPLAUSIBLE_SEQUENCE_TYPE_ID);
        sessionChanges = manager.newCounter("session changes", SESSION_CHANGES_TYPE_ID);
        endOfSession = manager.newCounter("end of session", END_OF_SESSION_TYPE_ID);
        heartbeats = manager.newCounter("heartbeats", HEARTBEATS_TYPE_ID);
        holdStoreOverflows = manager.newCounter("hold-store overflows", HOLD_STORE_OVERFLOWS_TYPE_ID);
        snapshotRecoveries = manager.newCounter("snapshot recoveries", SNAPSHOT_RECOVERIES_TYPE_ID);
        snapshotMessages = manager.newCounter("snapshot messages", SNAPSHOT_MESSAGES_TYPE_ID);
        snapshotMilliseconds = manager.newCounter("snapshot milliseconds", SNAPSHOT_MILLISECONDS_TYPE_ID);
        snapshotFailures = manager.newCounter("snapshot failures", SNAPSHOT_FAILURES_TYPE_ID);
        snapshotBufferedPackets = manager.newCounter("snapshot buffered packets", SNAPSHOT_BUFFERED_PACKETS_TYPE_ID);
        snapshotBufferOverflows = manager.newCounter("snapshot buffer overflows", SNAPSHOT_BUFFER_OVERFLOWS_TYPE_ID);
        snapshotSequence = manager.newCounter("snapshot sequence", SNAPSHOT_SEQUENCE_TYPE_ID);
        snapshotState = manager.newCounter("snapshot state", SNAPSHOT_STATE_TYPE_ID);
        snapshotReceiverBusyUs = manager.newCounter("snapshot receiver busy us", SNAPSHOT_RECEIVER_BUSY_TYPE_ID);
        lines = new LineCounters[lineCount];
        for (int i = 0; i < lineCount; i++)
        {
            lines[i] = new LineCounters(manager, i);
        }
        bookRejects = new BookRejectCounters(manager);
    }

    /**
     * Register another counter, e.g. one per component, after the standard set.
     *
     * @param label what {@code stat} prints; ASCII, at most {@link org.agrona.concurrent.status.CountersReader#MAX_LABEL_LENGTH}.
     * @return the counter.
     */
    public AtomicCounter newCounter(final String label)
    {
        return manager.newCounter(label, EXTRA_TYPE_ID);
    }

    /**
     * @param index 0 for line A, 1 for line B.
     * @return the line's name, "A" or "B".
     */
    public static String lineName(final int index)
    {
        return String.valueOf((char)('A' + index));
    }

    /**
     * @return packets received, all lines, duplicates included.
     */
    public AtomicCounter packets()
    {
        return packets;
    }

    /**
     * @return messages decoded and applied.
     */
    public AtomicCounter messages()
    {
        return messages;
    }

    /**
     * @return payload bytes received.
     */
    public AtomicCounter bytes()
    {
        return bytes;
    }

    /**
     * @return sequence gaps detected.
     */
    public AtomicCounter gaps()
    {
        return gaps;
    }

    /**
     * @return packets whose messages had all been seen (the other line's copy, or a resend).
     */
    public AtomicCounter duplicates()
    {
        return duplicates;
    }

    /**
     * @return packets or messages that could not be parsed.
     */
    public AtomicCounter malformed()
    {
        return malformed;
    }

    /**
     * @return messages of a type the decoder does not know, skipped.
     */
    public AtomicCounter unknownTypes()
    {
        return unknownTypes;
    }

    /**
     * @return datagrams the kernel dropped for a full receive buffer during the run ({@link org.feedhandler.common.ProcNetSnmp}).
     */
    public AtomicCounter kernelDrops()
    {
        return kernelDrops;
    }

    /**
     * @return the longest receiver duty cycle seen, nanoseconds.
     */
    public AtomicCounter longestDutyCycleNs()
    {
        return longestDutyCycleNs;
    }

    /**
     * @return messages recovered by retransmission.
     */
    public AtomicCounter recovered()
    {
        return recovered;
    }

    /**
     * @return messages given up on.
     */
    public AtomicCounter unrecovered()
    {
        return unrecovered;
    }

    /**
     * @return retransmission requests sent.
     */
    public AtomicCounter retransmitRequests()
    {
        return retransmitRequests;
    }

    /**
     * @return books currently flagged possibly stale (after an unrecovered gap).
     */
    public AtomicCounter staleBooks()
    {
        return staleBooks;
    }

    /**
     * @return orders or levels refused because a preallocated pool was full.
     */
    public AtomicCounter capacityRejects()
    {
        return capacityRejects;
    }

    /**
     * @return errors recorded by the error handler.
     */
    public AtomicCounter errors()
    {
        return errors;
    }

    /**
     * @return packets of a MoldUDP64 session other than the followed one, ignored.
     */
    public AtomicCounter foreignSessionPackets()
    {
        return foreignSessionPackets;
    }

    /**
     * @return packets further ahead than {@code feed.gap.max.messages}, ignored unless confirmed.
     */
    public AtomicCounter implausibleSequencePackets()
    {
        return implausibleSequencePackets;
    }

    /**
     * @return new sessions followed (each clears the books).
     */
    public AtomicCounter sessionChanges()
    {
        return sessionChanges;
    }

    /**
     * @return end-of-session packets of the followed session.
     */
    public AtomicCounter endOfSession()
    {
        return endOfSession;
    }

    /**
     * @return heartbeats of the followed session.
     */
    public AtomicCounter heartbeats()
    {
        return heartbeats;
    }

    /**
     * @return times the hold store was full and the oldest missing run was given up.
     */
    public AtomicCounter holdStoreOverflows()
    {
        return holdStoreOverflows;
    }

    /**
     * @return GLIMPSE snapshots loaded to their End of Snapshot and applied (books rebuilt, live feed resumed).
     */
    public AtomicCounter snapshotRecoveries()
    {
        return snapshotRecoveries;
    }

    /**
     * @return snapshot messages applied to the books by the completed recoveries, End of Snapshot included.
     */
    public AtomicCounter snapshotMessages()
    {
        return snapshotMessages;
    }

    /**
     * @return milliseconds the completed recoveries took, from the decision to load a snapshot (retries
     * included) to the live feed resumed: the time the books were not usable.
     */
    public AtomicCounter snapshotMilliseconds()
    {
        return snapshotMilliseconds;
    }

    /**
     * @return snapshot attempts that failed: refused or lost connection, silent server, no End of
     * Snapshot in time, buffer overflow, rejected login (the last is not retried).
     */
    public AtomicCounter snapshotFailures()
    {
        return snapshotFailures;
    }

    /**
     * @return live packets buffered while snapshots loaded (all recoveries).
     */
    public AtomicCounter snapshotBufferedPackets()
    {
        return snapshotBufferedPackets;
    }

    /**
     * @return times the buffer of live packets filled while a snapshot loaded (each also a failure).
     */
    public AtomicCounter snapshotBufferOverflows()
    {
        return snapshotBufferOverflows;
    }

    /**
     * @return the End of Snapshot's sequence of the last completed snapshot: the first MoldUDP64 sequence
     * number it does not cover, where the live feed resumed; 0 before any.
     */
    public AtomicCounter snapshotSequence()
    {
        return snapshotSequence;
    }

    /**
     * @return {@link #SNAPSHOT_STATE_IDLE} or {@link #SNAPSHOT_STATE_LOADING}.
     */
    public AtomicCounter snapshotState()
    {
        return snapshotState;
    }

    /**
     * @return microseconds the receiver thread spent on snapshots (session, decoding, books, applying the
     * buffered packets), over all attempts: what snapshot recovery cost the hot thread.
     */
    public AtomicCounter snapshotReceiverBusyUs()
    {
        return snapshotReceiverBusyUs;
    }

    /**
     * @return what the books refused, in total and by kind.
     */
    public BookRejectCounters bookRejects()
    {
        return bookRejects;
    }

    /**
     * @return 1 or 2.
     */
    public int lineCount()
    {
        return lines.length;
    }

    /**
     * @param index 0 for line A, 1 for line B.
     * @return the line's counters.
     */
    public LineCounters line(final int index)
    {
        return lines[index];
    }
}
