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
import org.feedhandler.api.BookView;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.normalized.OutputPublisher;
import org.feedhandler.config.ConfigChecks;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.HeapBudget;
import org.feedhandler.config.IdleStrategies;
import org.feedhandler.config.Settings;
import org.feedhandler.latency.LatencyLog;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.pipeline.MarketDataBookListener;
import org.feedhandler.pipeline.OrderBooksView;
import org.feedhandler.protocol.moldudp64.RetransmitRequestEncoder;
import org.feedhandler.protocol.moldudp64.RetransmitRequester;
import org.feedhandler.protocol.moldudp64.SequencerContext;
import org.feedhandler.status.CountersFile;
import org.feedhandler.status.FeedCounters;
import org.feedhandler.common.ProcNetSnmp;
import org.feedhandler.status.StatusAgent;
import org.feedhandler.transport.AeronTransport;
import org.feedhandler.transport.FeedSource;
import org.feedhandler.transport.NetworkInterfaces;
import org.feedhandler.transport.PacketSource;
import org.feedhandler.transport.ReceiveBufferReport;
import org.feedhandler.transport.UdpMulticastSource;
import org.feedhandler.transport.UdpUnicastChannel;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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
 * <p>
 * <b>Embedding.</b> An application builds a {@link Context} with its settings and a
 * {@link MarketDataListener} ({@link Context#listener}), launches the handler and closes it when done:
 * <pre>{@code
 *   final FeedHandler.Context ctx = new FeedHandler.Context().settings(settings);
 *   ctx.listener(new MyStrategy(ctx.bookView()));
 *   try (FeedHandler handler = FeedHandler.launch(ctx)) { ... wait for a signal ... }
 * }</pre>
 * The listener's callbacks run on the pinned receiver thread ({@code fh-receiver}), synchronously,
 * with primitive arguments: never block there, never allocate, never keep a {@link BookView} answer
 * past the callback, never call the handler from it, and never throw (an exception leaves the books in
 * the middle of an operation; the handler counts it as an error and goes on). The handler keeps everything it does without
 * a listener: pinning, arbitration, recovery, counters and latency (which then include the listener's
 * time, as they should: it delays every packet behind it).
 */
public final class FeedHandler implements AutoCloseable
{
    private static final int MAX_COUNTERS = 64;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final FeedPipeline pipeline;
    private final BookView bookView;
    private final ReceiverAgent receiver;
    private final LatencyLog latencyLog;
    private final CountersFile countersFile;
    private final FeedCounters counters;
    private final AeronTransport aeron;
    private AeronTransport outputTransport;
    private OutputFeed outputFeed;
    private final UdpMulticastSource udpSource;
    private final AgentRunner receiverRunner;
    private final AgentRunner reporterRunner;
    private final String transport;
    private volatile boolean closed;

    /**
     * Everything a handler is built from, concluded once by {@link #launch}: the settings (every key
     * read and validated before anything is opened, a bad one named), the options that are not keys
     * (label, console, clocks), and, as the handler opens them, the resources its agents share.
     */
    public static final class Context
    {
        private Settings settings;
        private String label = "run";
        private PrintStream console = System.err;
        private boolean progress = true;
        private boolean progressJson;
        private int warmupIntervals;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private MidnightClock midnightClock;
        private MarketDataListener listener;
        private MarketDataListener pipelineListener;
        private OutputPublisher output;
        private String outputChannel;
        private int outputStream;
        private Path outputArchiveDir;
        private int outputTermLength;
        private String outputAeronDir;
        private final OrderBooksView bookView = new OrderBooksView(null);
        private boolean concluded;

        // read from the settings by conclude()
        FeedSource.Context source;
        int receiverCpu;
        IdleStrategy receiverIdle;
        int ctxswWarn;
        SequencerContext sequencing;
        InetSocketAddress recoveryServer;
        SnapshotSettings snapshot;
        Path resultsDir;
        int reportIntervalMs;
        Path countersPath;
        OrderBooks books;

        // opened by the handler, in this order, for its agents
        PacketSource packetSource;
        UdpUnicastChannel retransmission;
        int lines;
        FeedCounters counters;
        AtomicCounter contextSwitches;
        LatencyLog latencyLog;
        FeedPipeline pipeline;
        SnapshotDriver snapshotDriver;

        /**
         * @param settings the configuration (required).
         * @return this.
         */
        public Context settings(final Settings settings)
        {
            this.settings = settings;
            return this;
        }

        /**
         * @param label names the results sub-directory.
         * @return this.
         */
        public Context label(final String label)
        {
            this.label = label;
            return this;
        }

        /**
         * @param console where progress lines and warnings go; standard error by default, so that an
         *                embedding application keeps standard output for its own (the CLI's {@code run}
         *                passes standard output).
         * @return this.
         */
        public Context console(final PrintStream console)
        {
            this.console = console;
            return this;
        }

        /**
         * @param progress false to print warnings only.
         * @return this.
         */
        public Context progress(final boolean progress)
        {
            this.progress = progress;
            return this;
        }

        /**
         * @param json true to print progress lines as one JSON object each, for log shippers.
         * @return this.
         */
        public Context progressJson(final boolean json)
        {
            this.progressJson = json;
            return this;
        }

        /**
         * @param intervals report intervals at the start whose latency the summary and .hgrm leave
         *                  out (JIT warm-up); the .hlog keeps them.
         * @return this.
         */
        public Context warmupIntervals(final int intervals)
        {
            this.warmupIntervals = intervals;
            return this;
        }

        /**
         * @param midnightClock the time-of-day mapping for wire latency (share the sender's in-process).
         * @return this.
         */
        public Context midnightClock(final MidnightClock midnightClock)
        {
            this.midnightClock = midnightClock;
            return this;
        }

        /**
         * Deliver the market data to an embedded listener, on the receiver thread: instruments, trading
         * status, order events, levels, top of book, trades, imbalances, the end of each packet's event,
         * gaps and stale books ({@link MarketDataListener} says when each comes and what it must not do).
         *
         * A followed MoldUDP64 session change (the next trading day) empties the books without order events.
         *
         * @param listener the listener, or null for none (the default: the books are built for no one).
         * @return this.
         * @throws IllegalStateException once concluded: the books are built for the listener then.
         */
        public Context listener(final MarketDataListener listener)
        {
            if (concluded)
            {
                throw new IllegalStateException("FeedHandler.Context: set the listener before conclude()");
            }
            this.listener = listener;
            return this;
        }

        /**
         * A read-only view of the books, for the listener to query from its callbacks, on the receiver
         * thread only. It may be taken before {@link #conclude()} (to hand to the listener's constructor)
         * and answers once the context is concluded.
         *
         * @return the view; the same object every call.
         */
        public BookView bookView()
        {
            return bookView;
        }

        /**
         * Read and validate every key, before anything is opened.
         *
         * @return this.
         * @throws ConfigurationException naming the key when the configuration is wrong.
         * @throws IllegalStateException  when concluded twice or without settings.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("FeedHandler.Context already concluded");
            }
            if (null == settings)
            {
                throw new IllegalStateException("FeedHandler.Context: settings are required");
            }
            settings.rejectUnknownKeys(Configuration.knownKeys());

            source = FeedSource.Context.fromSettings(settings).nanoClock(nanoClock);
            checkSource(settings, source.transport());
            receiverCpu = settings.intValue(
                Configuration.RECEIVER_CPU_PROP_NAME, Configuration.RECEIVER_CPU_DEFAULT, -1, 4095);
            receiverIdle = IdleStrategies.of(settings.string(Configuration.RECEIVER_IDLE_STRATEGY_PROP_NAME,
                Configuration.RECEIVER_IDLE_STRATEGY_DEFAULT), Configuration.RECEIVER_IDLE_STRATEGY_PROP_NAME);
            ctxswWarn = settings.intValue(
                Configuration.RECEIVER_CTXSW_WARN_PROP_NAME, Configuration.RECEIVER_CTXSW_WARN_DEFAULT, 0, 1_000_000);
            sequencing = SequencerSettings.context(settings);
            recoveryServer = settings.endpoint(Configuration.RECOVERY_SERVER_PROP_NAME, null);
            snapshot = SnapshotSettings.from(settings);
            resultsDir = ConfigChecks.writableDirectory(
                settings, Configuration.RESULTS_DIR_PROP_NAME, Configuration.RESULTS_DIR_DEFAULT);
            reportIntervalMs = settings.intValue(
                Configuration.REPORT_INTERVAL_MS_PROP_NAME, Configuration.REPORT_INTERVAL_MS_DEFAULT, 10, 3_600_000);
            countersPath = ConfigChecks.writableFile(
                settings, Configuration.COUNTERS_FILE_PROP_NAME, Configuration.COUNTERS_FILE_DEFAULT);
            final ZoneId timestampZone = settings.zone(
                Configuration.TIMESTAMP_ZONE_PROP_NAME, Configuration.TIMESTAMP_ZONE_DEFAULT);

            // books too big for the heap are a configuration error with the bytes needed, not an OutOfMemoryError
            HeapBudget.requireBooksFit(settings, Runtime.getRuntime().maxMemory());
            if (null == midnightClock)
            {
                midnightClock = new MidnightClock(timestampZone);
            }
            // capacity rejects are counted by the books and published; the reporter names the key to raise
            concludeOutput(settings);
            final OrderBooks.Context bookContext = BookSettings.context(settings);
            if (null != pipelineListener)
            {
                bookContext.listener(MarketDataBookListener.of(pipelineListener));
            }
            books = new OrderBooks(bookContext);
            bookView.bind(books);
            concluded = true;
            return this;
        }

        /**
         * The normalized output ({@code feed.output.*}): when on, its publisher joins the listeners, after
         * the embedding application's own.
         */
        private void concludeOutput(final Settings settings)
        {
            outputChannel = settings.string(Configuration.OUTPUT_CHANNEL_PROP_NAME, Configuration.OUTPUT_CHANNEL_DEFAULT);
            final boolean enabled = settings.booleanValue(
                Configuration.OUTPUT_ENABLED_PROP_NAME, Configuration.OUTPUT_ENABLED_DEFAULT) &&
                !settings.isSetEmpty(Configuration.OUTPUT_CHANNEL_PROP_NAME);
            pipelineListener = listener;
            if (!enabled)
            {
                return;
            }
            ConfigChecks.aeronChannel(settings, Configuration.OUTPUT_CHANNEL_PROP_NAME, outputChannel);
            outputStream = settings.intValue(
                Configuration.OUTPUT_STREAM_PROP_NAME, Configuration.OUTPUT_STREAM_DEFAULT, 1, Integer.MAX_VALUE);
            outputTermLength = settings.intValue(Configuration.OUTPUT_TERM_LENGTH_PROP_NAME,
                Configuration.OUTPUT_TERM_LENGTH_DEFAULT, 64 * 1024, 1024 * 1024 * 1024);
            if (Integer.bitCount(outputTermLength) != 1)
            {
                throw new ConfigurationException(Configuration.OUTPUT_TERM_LENGTH_PROP_NAME,
                    outputTermLength + " is not a power of two (e.g. 16m, 64m, 256m)");
            }
            outputArchiveDir = settings.isSet(Configuration.OUTPUT_ARCHIVE_DIR_PROP_NAME) ?
                ConfigChecks.writableDirectory(settings, Configuration.OUTPUT_ARCHIVE_DIR_PROP_NAME, null) : null;
            ConfigChecks.aeronDirectory(settings, Configuration.AERON_DIR_PROP_NAME);
            outputAeronDir = settings.string(Configuration.AERON_DIR_PROP_NAME, null);
            // publish times from the calibration the receive times are mapped with: receive <= publish
            output = new OutputPublisher(midnightClock.epochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH);
            pipelineListener = null == listener ? output : new TeeListener(listener, output);
        }

        /**
         * @return true once {@link #conclude()} has run: {@code run} concludes before its preflight, so
         * that every key is checked first, then launches.
         */
        public boolean isConcluded()
        {
            return concluded;
        }

        /** What opening the source needs beyond parsing: interfaces that exist, an Aeron channel and driver. */
        private static void checkSource(final Settings settings, final String transport)
        {
            if ("udp".equals(transport))
            {
                networkInterface(settings, Configuration.UDP_INTERFACE_A_PROP_NAME, Configuration.UDP_INTERFACE_A_DEFAULT);
                if (settings.isSet(Configuration.UDP_GROUP_B_PROP_NAME))
                {
                    networkInterface(settings, Configuration.UDP_INTERFACE_B_PROP_NAME,
                        settings.string(Configuration.UDP_INTERFACE_A_PROP_NAME, Configuration.UDP_INTERFACE_A_DEFAULT));
                }
            }
            else
            {
                ConfigChecks.aeronChannel(settings, Configuration.AERON_CHANNEL_PROP_NAME,
                    settings.string(Configuration.AERON_CHANNEL_PROP_NAME, Configuration.AERON_CHANNEL_DEFAULT));
                ConfigChecks.aeronDirectory(settings, Configuration.AERON_DIR_PROP_NAME);
            }
        }

        private static void networkInterface(final Settings settings, final String key, final String defaultValue)
        {
            final String name = settings.string(key, defaultValue);
            try
            {
                NetworkInterfaces.resolve(name);
            }
            catch (final IllegalArgumentException | UncheckedIOException ex)
            {
                throw new ConfigurationException(key, ex.getMessage() + " (from " + settings.sourceOf(key) + ")");
            }
        }

        PrintStream console()
        {
            return console;
        }

        NanoClock nanoClock()
        {
            return nanoClock;
        }

        EpochClock epochClock()
        {
            return epochClock;
        }

        boolean progress()
        {
            return progress;
        }

        boolean progressJson()
        {
            return progressJson;
        }

        int warmupIntervals()
        {
            return warmupIntervals;
        }
    }

    private FeedHandler(final Context ctx) throws IOException
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        transport = ctx.source.transport();
        bookView = ctx.bookView;

        // ---- open resources in order; close what was opened if anything fails -------------------
        try
        {
            final FeedSource feed = open(FeedSource.open(ctx.source));
            udpSource = feed.udp();
            aeron = feed.aeron();
            ctx.packetSource = feed.source();
            ctx.lines = feed.lineCount();
            if (null != udpSource)
            {
                for (final ReceiveBufferReport report : udpSource.receiveBufferReports())
                {
                    if (report.isShort())
                    {
                        ctx.console.println("fh: WARNING " + report.describe() + ": raise net.core.rmem_max" +
                            " (sysctl -w net.core.rmem_max=" + report.wanted() + ") or lower " +
                            Configuration.UDP_RCVBUF_PROP_NAME);
                    }
                }
            }

            ctx.retransmission = null == ctx.recoveryServer ? null : open(UdpUnicastChannel.open(ctx.recoveryServer));
            final RetransmitRequester requester = null == ctx.retransmission ? null :
                new RetransmitRequestEncoder(ctx.retransmission::send);

            countersFile = open(CountersFile.create(ctx.countersPath, MAX_COUNTERS, ctx.epochClock));
            counters = new FeedCounters(countersFile.countersManager(), ctx.lines);
            ctx.counters = counters;
            ctx.contextSwitches = counters.newCounter("receiver involuntary context switches");

            final LatencyRecorders recorders = new LatencyRecorders();
            latencyLog = open(LatencyLog.create(recorders, ctx.resultsDir, ctx.label, ctx.epochClock));
            ctx.latencyLog = latencyLog;

            final FeedPipeline.Context pipelineContext = new FeedPipeline.Context()
                .books(ctx.books)
                .sequencing(ctx.sequencing.lines(ctx.lines).requester(requester))
                .latency(recorders, ctx.nanoClock, ctx.midnightClock::sinceMidnight)
                .listener(ctx.pipelineListener)
                .epochOffset(ctx.midnightClock.epochOffsetNanos());
            if (ctx.snapshot.enabled())
            {
                pipelineContext.snapshotRecovery(ctx.snapshot.bufferBytes(), ctx.snapshot.bufferPackets(),
                    ctx.snapshot.onStart(), ctx.snapshot.onGap());
            }
            pipeline = new FeedPipeline(pipelineContext);
            ctx.pipeline = pipeline;
            ctx.snapshotDriver = null == pipeline.snapshot() ? null :
                open(new SnapshotDriver(ctx.snapshot, pipeline.snapshot(), ctx.nanoClock));

            if (null != ctx.output)
            {
                // the input's driver when it has one, else one of the output's own
                outputTransport = null != aeron ? aeron : open(AeronTransport.connect(ctx.outputAeronDir, null));
                outputFeed = open(OutputFeed.start(outputTransport.aeron(), ctx.outputChannel, ctx.outputStream,
                    ctx.outputArchiveDir, ctx.outputTermLength, ctx.output, new OutputPublisher.Counters(
                    counters.newCounter("output messages"),
                    counters.newCounter("output events"),
                    counters.newCounter("output back-pressured events"),
                    counters.newCounter("output not-connected events"),
                    counters.newCounter("output dropped messages"),
                    counters.newCounter("output closed events"))));
            }

            receiver = new ReceiverAgent(ctx);
            final ReporterAgent reporter = new ReporterAgent(ctx, receiver);
            final StatusAgent status = new StatusAgent(
                countersFile, new ProcNetSnmp(), counters.kernelDrops(), ctx.epochClock);

            final ErrorHandler errors = new CountingErrorHandler(counters.errors(), ctx.console);
            receiverRunner = new AgentRunner(ctx.receiverIdle, errors, null, receiver);
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

    private <T extends AutoCloseable> T open(final T resource)
    {
        resources.add(resource);
        return resource;
    }

    /**
     * Conclude the context (every key validated first), open every resource and start the threads.
     *
     * @param ctx the settings and options.
     * @return the running handler.
     * @throws ConfigurationException naming the key when the configuration is wrong.
     * @throws IOException            when a file or socket cannot be opened.
     */
    public static FeedHandler launch(final Context ctx) throws IOException
    {
        return new FeedHandler(ctx);
    }

    public FeedPipeline pipeline()
    {
        return pipeline;
    }

    /**
     * @return the normalized output (its publication, recording and publisher), or null when off.
     */
    public OutputFeed outputFeed()
    {
        return outputFeed;
    }

    /**
     * @return the media driver directory subscribers to the output must use, or null when the output is off.
     */
    public String outputAeronDirectory()
    {
        return null == outputTransport ? null : outputTransport.aeronDirectoryName();
    }

    /**
     * @return the read-only view of the books, the context's {@link Context#bookView()}; for the listener,
     * on the receiver thread.
     */
    public BookView bookView()
    {
        return bookView;
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
     * @return the counters as published to the counters file (safe to read from any thread).
     */
    public FeedCounters counters()
    {
        return counters;
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
