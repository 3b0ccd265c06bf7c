package org.feedhandler.handler;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.IdleStrategies;
import org.feedhandler.config.Settings;
import org.feedhandler.latency.LatencyLog;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.protocol.moldudp64.RetransmitRequester;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.status.CountersFile;
import org.feedhandler.status.FeedCounters;
import org.feedhandler.status.ProcNetSnmp;
import org.feedhandler.status.StatusAgent;
import org.feedhandler.transport.AeronTransport;
import org.feedhandler.transport.PacketSource;
import org.feedhandler.transport.ReceiveBufferReport;
import org.feedhandler.transport.UdpMulticastSource;
import org.feedhandler.transport.UdpUnicastChannel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running feed handler, assembled from configuration: a packet source (UDP multicast, one or
 * two lines, or an Aeron subscription), an optional retransmission socket, the pipeline and its
 * books, the counters file, the latency log, and two threads:
 * <pre>
 *   fh-receiver  ReceiverAgent, pinned to feed.receiver.cpu, idle = feed.receiver.idle.strategy
 *   fh-reporter  ReporterAgent + StatusAgent, sleeping; everything that may block or allocate
 * </pre>
 * {@link #launch} validates every key first (a bad one stops start-up, named), then opens resources
 * in order; {@link #close} stops the threads and releases everything in reverse, leaving no thread
 * and no file behind but the results (.hlog, .hgrm).
 */
public final class FeedHandler implements AutoCloseable
{
    private static final int MAX_COUNTERS = 64;
    private static final int STORE_CELL_BYTES = 64;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final FeedPipeline pipeline;
    private final ReceiverAgent receiver;
    private final LatencyLog latencyLog;
    private final CountersFile countersFile;
    private final FeedCounters counters;
    private final AeronTransport aeron;
    private final UdpMulticastSource udpSource;
    private final AgentRunner receiverRunner;
    private final AgentRunner reporterRunner;
    private final String transport;
    private volatile boolean closed;

    /**
     * Options that are not configuration keys.
     */
    public static final class Options
    {
        String label = "run";
        PrintStream console = System.out;
        boolean progress = true;
        int warmupIntervals;
        NanoClock nanoClock = SystemNanoClock.INSTANCE;
        EpochClock epochClock = SystemEpochClock.INSTANCE;
        MidnightClock midnightClock;

        /**
         * @param label names the results sub-directory.
         * @return this.
         */
        public Options label(final String label)
        {
            this.label = label;
            return this;
        }

        /**
         * @param console where progress lines and warnings go.
         * @return this.
         */
        public Options console(final PrintStream console)
        {
            this.console = console;
            return this;
        }

        /**
         * @param progress false to print warnings only.
         * @return this.
         */
        public Options progress(final boolean progress)
        {
            this.progress = progress;
            return this;
        }

        /**
         * @param intervals report intervals at the start whose latency the summary and .hgrm leave
         *                  out (JIT warm-up); the .hlog keeps them.
         * @return this.
         */
        public Options warmupIntervals(final int intervals)
        {
            this.warmupIntervals = intervals;
            return this;
        }

        /**
         * @param midnightClock the time-of-day mapping for wire latency (share the sender's in-process).
         * @return this.
         */
        public Options midnightClock(final MidnightClock midnightClock)
        {
            this.midnightClock = midnightClock;
            return this;
        }
    }

    private FeedHandler(final Settings settings, final Options options) throws IOException
    {
        settings.rejectUnknownKeys(Configuration.knownKeys());

        // ---- validate every key before opening anything ----------------------------------------
        transport = settings.choice(Configuration.TRANSPORT_PROP_NAME, Configuration.TRANSPORT_DEFAULT, "udp", "aeron");
        final int cpu = settings.intValue(
            Configuration.RECEIVER_CPU_PROP_NAME, Configuration.RECEIVER_CPU_DEFAULT, -1, 4095);
        final IdleStrategy idle = IdleStrategies.of(settings.string(Configuration.RECEIVER_IDLE_STRATEGY_PROP_NAME,
            Configuration.RECEIVER_IDLE_STRATEGY_DEFAULT), Configuration.RECEIVER_IDLE_STRATEGY_PROP_NAME);
        final int ctxswWarn = settings.intValue(
            Configuration.RECEIVER_CTXSW_WARN_PROP_NAME, Configuration.RECEIVER_CTXSW_WARN_DEFAULT, 0, 1_000_000);
        final long startSequence = startSequence(settings);
        final boolean follow = "follow".equals(settings.choice(
            Configuration.SESSION_CHANGE_PROP_NAME, Configuration.SESSION_CHANGE_DEFAULT, "follow", "ignore"));
        final long gapWaitUs = settings.longValue(
            Configuration.GAP_WAIT_US_PROP_NAME, Configuration.GAP_WAIT_US_DEFAULT, 0, 60_000_000);
        final long timeoutMs = settings.longValue(
            Configuration.RECOVERY_TIMEOUT_MS_PROP_NAME, Configuration.RECOVERY_TIMEOUT_MS_DEFAULT, 1, 60_000);
        final int attempts = settings.intValue(
            Configuration.RECOVERY_MAX_ATTEMPTS_PROP_NAME, Configuration.RECOVERY_MAX_ATTEMPTS_DEFAULT, 1, 1000);
        final int bufferBytes = settings.intValue(Configuration.RECOVERY_BUFFER_PROP_NAME,
            Configuration.RECOVERY_BUFFER_DEFAULT, 64 * STORE_CELL_BYTES, 1 << 30);
        final long silenceMs = settings.longValue(
            Configuration.LINE_SILENCE_MS_PROP_NAME, Configuration.LINE_SILENCE_MS_DEFAULT, 1, 3_600_000);
        final InetSocketAddress recoveryServer = settings.endpoint(Configuration.RECOVERY_SERVER_PROP_NAME, null);
        final Path resultsDir = Path.of(settings.string(
            Configuration.RESULTS_DIR_PROP_NAME, Configuration.RESULTS_DIR_DEFAULT));
        final int intervalMs = settings.intValue(
            Configuration.REPORT_INTERVAL_MS_PROP_NAME, Configuration.REPORT_INTERVAL_MS_DEFAULT, 10, 3_600_000);
        final Path countersPath = Path.of(settings.string(
            Configuration.COUNTERS_FILE_PROP_NAME, Configuration.COUNTERS_FILE_DEFAULT));
        final UdpMulticastSource.Context udpContext = "udp".equals(transport) ?
            UdpMulticastSource.Context.fromSettings(settings).nanoClock(options.nanoClock) : null;
        final String aeronChannel = settings.string(
            Configuration.AERON_CHANNEL_PROP_NAME, Configuration.AERON_CHANNEL_DEFAULT);
        final int aeronStreamId = settings.intValue(Configuration.AERON_STREAM_ID_PROP_NAME,
            Configuration.AERON_STREAM_ID_DEFAULT, Integer.MIN_VALUE, Integer.MAX_VALUE);

        // capacity rejects are counted by the books and published; the reporter names the key to raise
        final OrderBooks books = new OrderBooks(BookSettings.context(settings));
        final MidnightClock midnight = null != options.midnightClock ? options.midnightClock : new MidnightClock();

        // ---- open resources in order; close what was opened if anything fails -------------------
        try
        {
            final PacketSource source;
            final int lines;
            if ("udp".equals(transport))
            {
                udpSource = open(UdpMulticastSource.open(udpContext));
                aeron = null;
                source = udpSource;
                lines = udpSource.lineCount();
                for (final ReceiveBufferReport report : udpSource.receiveBufferReports())
                {
                    if (report.isShort())
                    {
                        options.console.println("fh: WARNING " + report.describe() + ": raise net.core.rmem_max" +
                            " (sysctl -w net.core.rmem_max=" + report.wanted() + ") or lower " +
                            Configuration.UDP_RCVBUF_PROP_NAME);
                    }
                }
            }
            else
            {
                udpSource = null;
                aeron = open(AeronTransport.fromSettings(settings));
                source = open(aeron.addSource(aeronChannel, aeronStreamId, MoldUdp64Sequencer.LINE_A, options.nanoClock));
                lines = 1;
            }

            final UdpUnicastChannel retransmission = null == recoveryServer ? null :
                open(UdpUnicastChannel.open(recoveryServer));
            final RetransmitRequester requester = null == retransmission ? null : retransmission::sendRequest;

            countersFile = open(CountersFile.create(countersPath, MAX_COUNTERS, options.epochClock));
            counters = new FeedCounters(countersFile.countersManager(), lines);
            final AtomicCounter contextSwitches = counters.newCounter("receiver involuntary context switches");

            final LatencyRecorders recorders = new LatencyRecorders();
            latencyLog = open(LatencyLog.create(recorders, resultsDir, options.label, options.epochClock));

            final MoldUdp64Sequencer.Config sequencing = new MoldUdp64Sequencer.Config()
                .startSequence(startSequence)
                .followSessionChange(follow)
                .lines(lines)
                .store(bufferBytes / STORE_CELL_BYTES, STORE_CELL_BYTES)
                .gapWaitNs(TimeUnit.MICROSECONDS.toNanos(gapWaitUs))
                .recovery(requester, TimeUnit.MILLISECONDS.toNanos(timeoutMs), attempts)
                .lineSilenceNs(TimeUnit.MILLISECONDS.toNanos(silenceMs));
            pipeline = new FeedPipeline(books, sequencing, null, recorders, options.nanoClock, midnight::sinceMidnight);

            receiver = new ReceiverAgent(
                source, retransmission, pipeline, counters, options.nanoClock, cpu);
            final ReporterAgent reporter = new ReporterAgent(counters, contextSwitches, latencyLog, receiver,
                options.console, options.epochClock, intervalMs, ctxswWarn, lines, options.progress, options.warmupIntervals);
            final StatusAgent status = new StatusAgent(
                countersFile, new ProcNetSnmp(), counters.kernelDrops(), options.epochClock);

            final ErrorHandler errors = new CountingErrorHandler(counters.errors(), options.console);
            receiverRunner = new AgentRunner(idle, errors, null, receiver);
            reporterRunner = new AgentRunner(
                new SleepingMillisIdleStrategy(5), errors, null, new CompositeAgent(reporter, status));
            AgentRunner.startOnThread(reporterRunner);
            AgentRunner.startOnThread(receiverRunner);
        }
        catch (final RuntimeException | IOException ex)
        {
            closeResources();
            throw ex;
        }
    }

    private static long startSequence(final Settings settings)
    {
        final String value = settings.string(Configuration.SEQUENCE_START_PROP_NAME, Configuration.SEQUENCE_START_DEFAULT);
        if ("first".equalsIgnoreCase(value))
        {
            return MoldUdp64Sequencer.START_AT_FIRST_SEEN;
        }
        return settings.longValue(Configuration.SEQUENCE_START_PROP_NAME, 1, 1, Long.MAX_VALUE);
    }

    private <T extends AutoCloseable> T open(final T resource)
    {
        resources.add(resource);
        return resource;
    }

    /**
     * Validate the configuration, open every resource and start the threads.
     *
     * @param settings the configuration.
     * @param options  label, console, clocks.
     * @return the running handler.
     * @throws ConfigurationException naming the key when the configuration is wrong.
     * @throws IOException            when a file or socket cannot be opened.
     */
    public static FeedHandler launch(final Settings settings, final Options options) throws IOException
    {
        return new FeedHandler(settings, options);
    }

    public FeedPipeline pipeline()
    {
        return pipeline;
    }

    public ReceiverAgent receiver()
    {
        return receiver;
    }

    public LatencyLog latencyLog()
    {
        return latencyLog;
    }

    public Path resultsDirectory()
    {
        return latencyLog.directory();
    }

    public Path countersFile()
    {
        return countersFile.file();
    }

    /**
     * @return messages decoded, as published to the counters file (safe from any thread).
     */
    public long messagesPublished()
    {
        return counters.messages().get();
    }

    public String transport()
    {
        return transport;
    }

    /**
     * @return the Aeron directory publishers must use to reach this handler's driver, or null (UDP).
     */
    public String aeronDirectory()
    {
        return null == aeron ? null : aeron.aeronDirectoryName();
    }

    /**
     * @return the UDP source, or null on Aeron.
     */
    public UdpMulticastSource udpSource()
    {
        return udpSource;
    }

    /**
     * Stop both threads (the receiver first), write the latency summaries, release every socket,
     * driver and file. Idempotent.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.closeAll(receiverRunner, reporterRunner);
        closeResources();
    }

    private void closeResources()
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(resources.get(i));
        }
        resources.clear();
    }

    /** Errors on an agent thread: counted, and each printed once with its type and message. */
    static final class CountingErrorHandler implements ErrorHandler
    {
        private final AtomicCounter errors;
        private final PrintStream console;
        private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

        CountingErrorHandler(final AtomicCounter errors, final PrintStream console)
        {
            this.errors = errors;
            this.console = console;
        }

        public void onError(final Throwable throwable)
        {
            errors.increment();
            if (seen.add(throwable.getClass().getName() + ": " + throwable.getMessage()))
            {
                console.println("fh: ERROR on an agent thread (counted, the handler goes on): " + throwable);
            }
        }
    }
}
