package org.feedhandler.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * Every configuration key the handler understands, with its default. Each key is documented in
 * {@code config/feed-handler.properties}; a test keeps the two in step.
 * <p>
 * Layering follows Aeron's media driver: these constants, then a properties file
 * ({@link Settings#load}), then {@code -Dfeed.*} system properties, then command-line options.
 */
public final class Configuration
{
    public static final String PREFIX = "feed.";

    // ---- threads and CPUs ---------------------------------------------------------------------

    /** CPU the receiver (hot) thread is pinned to; -1 leaves it unpinned. */
    public static final String RECEIVER_CPU_PROP_NAME = "feed.receiver.cpu";
    public static final int RECEIVER_CPU_DEFAULT = -1;

    /** Idle strategy of the receiver thread: spin, noop, yield, backoff or sleep. */
    public static final String RECEIVER_IDLE_STRATEGY_PROP_NAME = "feed.receiver.idle.strategy";
    public static final String RECEIVER_IDLE_STRATEGY_DEFAULT = "spin";

    /** Involuntary context switches on the hot thread, per interval, above which a warning is printed. */
    public static final String RECEIVER_CTXSW_WARN_PROP_NAME = "feed.receiver.ctxsw.warn";
    public static final int RECEIVER_CTXSW_WARN_DEFAULT = 10;

    // ---- transport ----------------------------------------------------------------------------

    /** udp (multicast) or aeron. */
    public static final String TRANSPORT_PROP_NAME = "feed.transport";
    public static final String TRANSPORT_DEFAULT = "udp";

    /** Multicast group of the A line, host:port. */
    public static final String UDP_GROUP_A_PROP_NAME = "feed.udp.group.a";
    public static final String UDP_GROUP_A_DEFAULT = "239.194.1.1:31001";

    /** Network interface (name or address) the A line is joined on. */
    public static final String UDP_INTERFACE_A_PROP_NAME = "feed.udp.interface.a";
    public static final String UDP_INTERFACE_A_DEFAULT = "lo";

    /** Multicast group of the B line, host:port; empty for a single line. */
    public static final String UDP_GROUP_B_PROP_NAME = "feed.udp.group.b";

    /** Network interface the B line is joined on; defaults to the A line's. */
    public static final String UDP_INTERFACE_B_PROP_NAME = "feed.udp.interface.b";

    /** Socket receive buffer wanted (SO_RCVBUF), bytes; 0 keeps the kernel default. Suffixes k, m, g. */
    public static final String UDP_RCVBUF_PROP_NAME = "feed.udp.rcvbuf";
    public static final int UDP_RCVBUF_DEFAULT = 4 * 1024 * 1024;

    /** Aeron channel to subscribe to. */
    public static final String AERON_CHANNEL_PROP_NAME = "feed.aeron.channel";
    public static final String AERON_CHANNEL_DEFAULT = "aeron:ipc";

    /** Aeron stream id. */
    public static final String AERON_STREAM_ID_PROP_NAME = "feed.aeron.stream.id";
    public static final int AERON_STREAM_ID_DEFAULT = 1001;

    /** Aeron directory of an external media driver; empty starts an embedded driver. */
    public static final String AERON_DIR_PROP_NAME = "feed.aeron.dir";

    // ---- normalized output (SBE over Aeron) ---------------------------------------------------

    /** Publish the normalized SBE feed on Aeron (docs/normalized-feed.md); false, or an empty channel, is off. */
    public static final String OUTPUT_ENABLED_PROP_NAME = "feed.output.enabled";
    public static final boolean OUTPUT_ENABLED_DEFAULT = false;

    /** Aeron channel of the output: aeron:ipc on this host; aeron:udp (unicast, multicast, MDC) for others. */
    public static final String OUTPUT_CHANNEL_PROP_NAME = "feed.output.channel";
    public static final String OUTPUT_CHANNEL_DEFAULT = "aeron:ipc";

    /** Aeron stream id of the output. */
    public static final String OUTPUT_STREAM_PROP_NAME = "feed.output.stream";
    public static final int OUTPUT_STREAM_DEFAULT = 2001;

    /**
     * Term buffer length of the output publication, unless its channel sets {@code term-length}: a power
     * of two; half of it is the window a slow subscriber or the recording may fall behind before the
     * publication pushes back (and the receiver drops events).
     */
    public static final String OUTPUT_TERM_LENGTH_PROP_NAME = "feed.output.term.length";
    public static final int OUTPUT_TERM_LENGTH_DEFAULT = 64 * 1024 * 1024;

    /** Directory where an Aeron Archive records the output for late subscribers (emptied at start); empty: none. */
    public static final String OUTPUT_ARCHIVE_DIR_PROP_NAME = "feed.output.archive.dir";

    // ---- sequencing and recovery --------------------------------------------------------------

    /** First sequence number expected: a number (1 = the whole session) or "first" to join at the first packet seen. */
    public static final String SEQUENCE_START_PROP_NAME = "feed.sequence.start";
    public static final String SEQUENCE_START_DEFAULT = "1";

    /**
     * How long a run of missing messages may stay open, waiting for a reordered packet or the other
     * line, before it is declared a gap (requested or given up), microseconds. With two lines a gap
     * is declared as soon as both have passed it.
     */
    public static final String GAP_WAIT_US_PROP_NAME = "feed.gap.wait.us";
    public static final int GAP_WAIT_US_DEFAULT = 200;

    /** MoldUDP64 request (retransmission) server, host:port; empty disables recovery. */
    public static final String RECOVERY_SERVER_PROP_NAME = "feed.recovery.server";

    /** Time to wait for a retransmission before asking again, milliseconds. */
    public static final String RECOVERY_TIMEOUT_MS_PROP_NAME = "feed.recovery.timeout.ms";
    public static final int RECOVERY_TIMEOUT_MS_DEFAULT = 50;

    /** Requests for one gap before giving up on it. */
    public static final String RECOVERY_MAX_ATTEMPTS_PROP_NAME = "feed.recovery.max.attempts";
    public static final int RECOVERY_MAX_ATTEMPTS_DEFAULT = 5;

    /** Off-heap buffer for live packets held while a gap is recovered, bytes. */
    public static final String RECOVERY_BUFFER_PROP_NAME = "feed.recovery.buffer.bytes";
    public static final int RECOVERY_BUFFER_DEFAULT = 64 * 1024 * 1024;

    /** What a change of MoldUDP64 session mid-stream does: follow (reset sequence, clear books) or ignore. */
    public static final String SESSION_CHANGE_PROP_NAME = "feed.session.change";
    public static final String SESSION_CHANGE_DEFAULT = "follow";

    /**
     * Plausibility bound: a packet of the current session further ahead of the next expected
     * message than this many messages is an implausible sequence packet, counted and ignored unless
     * {@link #GAP_CONFIRM_PACKETS_PROP_NAME} packets confirm the jump. Range 1 to 2^40.
     */
    public static final String GAP_MAX_MESSAGES_PROP_NAME = "feed.gap.max.messages";
    public static final long GAP_MAX_MESSAGES_DEFAULT = 1_000_000;

    /**
     * Implausible packets that confirm a real jump: this many in a row, well formed, each starting
     * where the one before ended, with no packet of the current position between them. Range 1 to 1,000,000.
     */
    public static final String GAP_CONFIRM_PACKETS_PROP_NAME = "feed.gap.confirm.packets";
    public static final int GAP_CONFIRM_PACKETS_DEFAULT = 4;

    /**
     * A new session is followed (with {@code feed.session.change=follow}) at once after the current
     * one's end of session, or once it persists: this many packets of it in a row, none of the
     * current session between them. Range 1 to 1,000,000.
     */
    public static final String SESSION_CONFIRM_PACKETS_PROP_NAME = "feed.session.confirm.packets";
    public static final int SESSION_CONFIRM_PACKETS_DEFAULT = 10;

    /** ... and the current session silent for at least this long, milliseconds. Range 0 to 3,600,000. */
    public static final String SESSION_CONFIRM_MS_PROP_NAME = "feed.session.confirm.ms";
    public static final int SESSION_CONFIRM_MS_DEFAULT = 1000;

    /** A line with no packet for this long is reported silent, milliseconds. */
    public static final String LINE_SILENCE_MS_PROP_NAME = "feed.line.silence.ms";
    public static final int LINE_SILENCE_MS_DEFAULT = 2000;

    /**
     * The zone whose midnight the feed's timestamps count from (ITCH: nanoseconds since midnight, venue
     * time). Wire-to-book latency compares them with this host's clock mapped to the same zone.
     */
    public static final String TIMESTAMP_ZONE_PROP_NAME = "feed.timestamp.zone";
    public static final String TIMESTAMP_ZONE_DEFAULT = "America/New_York";

    // ---- snapshot recovery (GLIMPSE 5.0 over SoupBinTCP 4.0) ------------------------------------

    /** GLIMPSE server, host:port; empty (the default) disables snapshot recovery. */
    public static final String SNAPSHOT_SERVER_PROP_NAME = "feed.snapshot.server";

    /** When to load a snapshot: never, start, gap, or start,gap (the default); read only with a server. */
    public static final String SNAPSHOT_ON_PROP_NAME = "feed.snapshot.on";
    public static final String SNAPSHOT_ON_DEFAULT = "start,gap";

    /** SoupBinTCP username, at most 6 printable ASCII characters. */
    public static final String SNAPSHOT_USERNAME_PROP_NAME = "feed.snapshot.username";

    /** SoupBinTCP password, at most 10 printable ASCII characters. */
    public static final String SNAPSHOT_PASSWORD_PROP_NAME = "feed.snapshot.password";

    /** SoupBinTCP session to ask for, at most 10 characters; blank = the server's current session. */
    public static final String SNAPSHOT_SESSION_PROP_NAME = "feed.snapshot.session";

    /** A TCP connect to the GLIMPSE server that has not completed by then is given up, milliseconds. */
    public static final String SNAPSHOT_CONNECT_TIMEOUT_MS_PROP_NAME = "feed.snapshot.connect.timeout.ms";
    public static final int SNAPSHOT_CONNECT_TIMEOUT_MS_DEFAULT = 5000;

    /** A GLIMPSE server silent (no data, no heartbeat) for this long is given up, milliseconds. */
    public static final String SNAPSHOT_HEARTBEAT_TIMEOUT_MS_PROP_NAME = "feed.snapshot.heartbeat.timeout.ms";
    public static final int SNAPSHOT_HEARTBEAT_TIMEOUT_MS_DEFAULT = 15_000;

    /** A snapshot that has not reached End of Snapshot by then is a failure, retried with backoff, milliseconds. */
    public static final String SNAPSHOT_TIMEOUT_MS_PROP_NAME = "feed.snapshot.timeout.ms";
    public static final int SNAPSHOT_TIMEOUT_MS_DEFAULT = 60_000;

    /** Live packets buffered at most while a snapshot loads. */
    public static final String SNAPSHOT_BUFFER_PACKETS_PROP_NAME = "feed.snapshot.buffer.packets";
    public static final int SNAPSHOT_BUFFER_PACKETS_DEFAULT = 1_000_000;

    /** Off-heap bytes for the live packets buffered while a snapshot loads (preallocated). */
    public static final String SNAPSHOT_BUFFER_BYTES_PROP_NAME = "feed.snapshot.buffer.bytes";
    public static final int SNAPSHOT_BUFFER_BYTES_DEFAULT = 64 * 1024 * 1024;

    // ---- books --------------------------------------------------------------------------------

    /** Resting orders the books can hold at once, across all stocks. */
    public static final String BOOK_MAX_ORDERS_PROP_NAME = "feed.book.max.orders";
    public static final int BOOK_MAX_ORDERS_DEFAULT = 8 * 1024 * 1024;

    /** Price levels the books can hold at once, across all stocks and both sides. */
    public static final String BOOK_MAX_LEVELS_PROP_NAME = "feed.book.max.levels";
    public static final int BOOK_MAX_LEVELS_DEFAULT = 2 * 1024 * 1024;

    /** Largest order or level capacity: the books' {@code MAX_CAPACITY}, 2^28. */
    public static final int BOOK_MAX_CAPACITY = 1 << 28;

    // ---- observability ------------------------------------------------------------------------

    /** Directory for .hlog and .hgrm files; each run writes a timestamped sub-directory. */
    public static final String RESULTS_DIR_PROP_NAME = "feed.results.dir";
    public static final String RESULTS_DIR_DEFAULT = "results";

    /** Interval of the progress line and of the .hlog, milliseconds. */
    public static final String REPORT_INTERVAL_MS_PROP_NAME = "feed.report.interval.ms";
    public static final int REPORT_INTERVAL_MS_DEFAULT = 1000;

    /** Memory-mapped counters file read by 'stat'. */
    public static final String COUNTERS_FILE_PROP_NAME = "feed.counters.file";
    public static final String COUNTERS_FILE_DEFAULT = "/dev/shm/feed-handler/counters.dat";

    // ---- preflight ----------------------------------------------------------------------------

    /** enforce (refuse to start when not ready), warn (report and start) or off (tests only). */
    public static final String PREFLIGHT_MODE_PROP_NAME = "feed.preflight";
    public static final String PREFLIGHT_MODE_DEFAULT = "enforce";

    /** Preflight check ids to waive, comma separated; waived checks are still reported. */
    public static final String PREFLIGHT_WAIVE_PROP_NAME = "feed.preflight.waive";

    /** Also fail on SHOULD checks. */
    public static final String PREFLIGHT_STRICT_PROP_NAME = "feed.preflight.strict";
    public static final boolean PREFLIGHT_STRICT_DEFAULT = false;

    /** The feed NIC the preflight judges (IRQ affinity, offloads, NUMA); defaults to the A line's interface. */
    public static final String PREFLIGHT_INTERFACE_PROP_NAME = "feed.preflight.interface";

    /**
     * @return every key above, for {@link Settings#rejectUnknownKeys(Set)}.
     */
    public static Set<String> knownKeys()
    {
        final Set<String> keys = new TreeSet<>();
        for (final java.lang.reflect.Field f : Configuration.class.getFields())
        {
            if (f.getName().endsWith("_PROP_NAME"))
            {
                try
                {
                    keys.add((String)f.get(null));
                }
                catch (final IllegalAccessException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return keys;
    }

    private Configuration()
    {
    }
}
