package org.feedhandler.cli;

import org.feedhandler.book.BookListener;
import org.feedhandler.book.BookSnapshot;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.HeapBudget;
import org.feedhandler.config.Settings;
import org.feedhandler.handler.BookSettings;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.protocol.FileShrankException;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;
import org.feedhandler.protocol.itch.GlimpseDecoder;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.itch.ItchMessageTypes;
import org.feedhandler.protocol.itch.Symbols;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.protocol.moldudp64.SequencerContext;
import org.feedhandler.protocol.pcap.PcapReader;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpFileReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.concurrent.Callable;

/**
 * {@code replay FILE [--format binaryfile|pcap|soupbintcp] [--group ADDR:PORT] [--json]}: decode a recorded
 * file through the same pipeline as the live path and build the books at full speed.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Decode a recorded ITCH 5.0 file through the live pipeline and build the books at full speed.",
        "Formats: binaryfile (Nasdaq day files: u16 length + message), pcap (classic libpcap of",
        "MoldUDP64 over UDP; gaps are reported, since a replay cannot retransmit) and soupbintcp (SoupBinTCP",
        "packets as on the wire, e.g. a GLIMPSE snapshot saved by publish --snapshot-save: the Sequenced Data).",
        "Everything not read is counted by cause under 'skipped' (and the books' rejects under 'rejects').",
        "Exit: 0 done (frames of other protocols and ones filtered out by --group are normal), 3 the file",
        "ends inside a record or shrank while being read, 64 bad usage, 65 the file held feed data that",
        "could not be read (bytes after an end-of-session record, garbage, frames cut by the snap length,",
        "IP fragments, bad lengths, unknown packet types; everything readable was processed), 66 file missing",
        "or unreadable."
    })
public final class ReplayCommand implements Callable<Integer>
{
    @Mixin
    JsonOption output = new JsonOption();

    @Mixin
    ConfigOption config = new ConfigOption();

    @Parameters(index = "0", paramLabel = "FILE", description = "the file to replay")
    Path file;

    @Option(names = "--format", defaultValue = "binaryfile", paramLabel = "FORMAT",
        description = "binaryfile (default), pcap or soupbintcp")
    String format;

    @Option(names = "--group", paramLabel = "ADDR:PORT",
        description = "pcap only: replay only UDP datagrams sent to this group and port")
    String group;

    /** Most levels per side printed: deeper than any real book's useful top, and a bounded snapshot. */
    static final int MAX_DEPTH = 10_000;

    @Option(names = "--depth", defaultValue = "5", paramLabel = "N",
        description = "levels per side in the output, 1 to " + MAX_DEPTH + " (default 5)")
    int depth;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final String SOUPBINTCP = "soupbintcp";
    private SoupBinTcpFileReader soupBinTcp;
    private long endOfSnapshot = -1;

    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (!"binaryfile".equals(format) && !"pcap".equals(format) && !SOUPBINTCP.equals(format))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--format must be binaryfile, pcap or soupbintcp, not '" + format + "'");
        }
        if (null != group && !"pcap".equals(format))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--group applies to --format pcap only");
        }
        if (depth < 1 || depth > MAX_DEPTH)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--depth must be in [1, " + MAX_DEPTH + "], not " + depth);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
        {
            err.println("feed-handler replay: cannot read " + file + ": " +
                (Files.exists(file) ? "not a readable file" : "no such file"));
            return ExitCodes.NO_INPUT;
        }

        final OrderBooks books;
        final long gapWaitNs;
        try
        {
            final Settings settings = config.loadNamedOnly();
            gapWaitNs = 1000L * settings.longValue(Configuration.GAP_WAIT_US_PROP_NAME,
                Configuration.GAP_WAIT_US_DEFAULT, 0, 60_000_000);
            // A file cannot rest more orders, or open more levels, than it has Add Order messages (36 bytes
            // each, more with framing): books bigger than that would only cost start-up time and heap.
            final int bound = (int)Math.min(OrderBooks.MAX_CAPACITY, Math.max(1024L, Files.size(file) / 36 + 1));
            HeapBudget.requireBooksFit(settings, bound, Runtime.getRuntime().maxMemory());
            final OrderBooks.Context context = BookSettings.context(settings);
            books = new OrderBooks(context
                .maxOrders(Math.min(context.maxOrders(), bound))
                .maxLevels(Math.min(context.maxLevels(), bound))
                .listener(new CapacityReporter(err)));
        }
        catch (final ConfigurationException ex)
        {
            err.println("feed-handler replay: configuration error: " + ex.getMessage());
            return ExitCodes.CONFIG;
        }
        catch (final IOException ex)
        {
            err.println("feed-handler replay: cannot read " + file + ": " + ex);
            return ExitCodes.NO_INPUT;
        }

        // the capture's own timestamps drive the sequencer's clock, so a late B copy fills A's gap
        // within feed.gap.wait.us exactly as it would live
        final FeedPipeline pipeline = new FeedPipeline(new FeedPipeline.Context()
            .books(books)
            .sequencing(new SequencerContext()
                .startSequence(SequencerContext.START_AT_FIRST_SEEN)
                .gapWaitNs(gapWaitNs)));
        final long start = System.nanoTime();
        boolean truncated = false;
        ReplaySkips skips;
        try
        {
            if ("binaryfile".equals(format))
            {
                try (BinaryFileReader reader = BinaryFileReader.open(file))
                {
                    // the records go to the pipeline's decoder (and so its BookBuilder and books) a mapped
                    // window at a time, not a call per record: no sequencing to do, no latency to stamp
                    reader.readAllBlocks(pipeline.decoder());
                    skips = ReplaySkips.of(reader, pipeline.decoder().malformed());
                    if (reader.trailingBytes() > 0)
                    {
                        err.println("feed-handler replay: " + file + ": the zero-length record at byte offset " +
                            (reader.position() - 2) + " ends a BinaryFILE session and what follows is not ITCH" +
                            " records (is the file BinaryFILE? a capture of MoldUDP64 replays with --format pcap)");
                    }
                    if (reader.truncated())
                    {
                        truncated = true;
                        err.println("feed-handler replay: " + file + " ends inside a record at byte offset " +
                            reader.truncatedOffset() + " (file size " + reader.fileSize() + "); everything before it" +
                            " was processed");
                    }
                }
            }
            else if (SOUPBINTCP.equals(format))
            {
                try (SoupBinTcpFileReader reader = SoupBinTcpFileReader.open(file))
                {
                    final GlimpseDecoder glimpse = new GlimpseDecoder(pipeline.decoder(), (n) -> endOfSnapshot = n);
                    reader.readAll(glimpse);
                    soupBinTcp = reader;
                    skips = ReplaySkips.of(reader, pipeline.decoder().malformed() + glimpse.malformedEndOfSnapshots());
                    if (reader.truncated())
                    {
                        truncated = true;
                        err.println("feed-handler replay: " + file + " ends inside a packet at byte offset " +
                            reader.truncatedOffset() + " (file size " + reader.fileSize() + "); everything before it" +
                            " was processed");
                    }
                    if (reader.garbageBytes() > 0)
                    {
                        err.println("feed-handler replay: " + file + ": a Packet Length of 0 leaves the stream " +
                            "uncuttable; the " + reader.garbageBytes() + " bytes after it were not read (is the " +
                            "file SoupBinTCP? a BinaryFILE replays with --format binaryfile)");
                    }
                }
            }
            else
            {
                try (PcapReader reader = PcapReader.open(file))
                {
                    if (null != group)
                    {
                        try
                        {
                            reader.frames().destinationFilter(group);
                        }
                        catch (final IllegalArgumentException ex)
                        {
                            throw new CommandLine.ParameterException(spec.commandLine(), "--group " + ex.getMessage());
                        }
                    }
                    reader.readAll((timestampNanos, srcIp, srcPort, dstIp, dstPort, buffer, offset, length) ->
                        pipeline.onPacket(buffer, offset, length, timestampNanos, Lines.A));
                    pipeline.sequencer().finish();
                    skips = ReplaySkips.of(reader);
                    if (reader.truncated())
                    {
                        truncated = true;
                        err.println("feed-handler replay: " + file + ": " + reader.errorMessage() +
                            " at byte offset " + reader.errorOffset() + "; everything before it was processed");
                    }
                }
            }
        }
        catch (final FileShrankException ex)
        {
            return shrank(err, ex);
        }
        catch (final UncheckedIOException ex)
        {
            if (ex.getCause() instanceof FileShrankException)
            {
                return shrank(err, (FileShrankException)ex.getCause());
            }
            err.println("feed-handler replay: cannot read " + file + ": " + ex.getMessage());
            return ExitCodes.NO_INPUT;
        }
        catch (final IOException ex)
        {
            err.println("feed-handler replay: cannot read " + file + ": " + ex.getMessage());
            return ExitCodes.NO_INPUT;
        }
        final double seconds = (System.nanoTime() - start) / 1e9;

        if (output.json)
        {
            out.println(toJson(pipeline, seconds, truncated, skips).toJson(false));
        }
        else
        {
            printSummary(out, pipeline, seconds, truncated, skips);
        }
        final String dataErrors = skips.inWords(true);
        if (!dataErrors.isEmpty())
        {
            err.println("feed-handler replay: " + file + " held feed data that could not be read: " + dataErrors +
                "; everything readable was processed");
        }
        out.flush();
        err.flush();
        return !dataErrors.isEmpty() ? ExitCodes.DATA : truncated ? ExitCodes.TRUNCATED : ExitCodes.OK;
    }

    private static int shrank(final PrintWriter err, final FileShrankException ex)
    {
        err.println("feed-handler replay: " + ex.getMessage() + "; no summary is printed");
        err.flush();
        return ExitCodes.TRUNCATED;
    }

    private Json.ObjectValue toJson(
        final FeedPipeline pipeline, final double seconds, final boolean truncated, final ReplaySkips skips)
    {
        final ItchDecoder decoder = pipeline.decoder();
        final Json.ObjectValue types = Json.object();
        for (final byte type : ItchMessageTypes.knownTypes())
        {
            final long n = decoder.count(type);
            if (n > 0)
            {
                types.put(String.valueOf((char)type), n);
            }
        }
        final Json.ObjectValue doc = Json.object()
            .put("messages", decoder.messages())
            .put("types", types)
            .put("unknown", decoder.unknown())
            .put("malformed", decoder.malformed() + pipeline.sequencer().counters().malformedPackets())
            .put("truncated", truncated)
            .put("seconds", round(seconds))
            .put("messagesPerSecond", Math.round(decoder.messages() / Math.max(seconds, 1e-9)));
        if ("pcap".equals(format))
        {
            final MoldUdp64Sequencer s = pipeline.sequencer();
            doc.put("sequence", Json.object()
                .put("packets", s.counters().packets())
                .put("gaps", s.counters().gaps())
                .put("missingMessages", s.counters().missingMessages())
                .put("duplicatePackets", s.counters().duplicatePackets())
                .put("implausibleSequencePackets", s.counters().implausibleSequencePackets())
                .put("foreignSessionPackets", s.counters().foreignSessionPackets())
                .put("sessionChanges", s.counters().sessionChanges()));
        }
        if (null != soupBinTcp)
        {
            doc.put("soupbintcp", Json.object()
                .put("packets", soupBinTcp.packets())
                .put("sequencedData", soupBinTcp.sequencedData())
                .put("loginsAccepted", soupBinTcp.loginsAccepted())
                .put("firstSequence", soupBinTcp.firstSequence())
                .put("heartbeats", soupBinTcp.heartbeats())
                .put("otherPackets", soupBinTcp.otherPackets())
                .put("endOfSession", soupBinTcp.endOfSession())
                .put("endOfSnapshotSequence", endOfSnapshot));
        }
        doc.put("skipped", countsJson(skips.byKey()));
        doc.put("rejects", countsJson(ReplaySkips.rejects(pipeline.books())));
        doc.put("books", booksJson(pipeline, depth));
        return doc;
    }

    /**
     * Every non-empty book, ascending by locate, each side best first, as in the replay JSON.
     *
     * @param pipeline the pipeline whose books to print.
     * @param depth    levels per side.
     * @return the JSON array.
     */
    public static Json.ArrayValue booksJson(final FeedPipeline pipeline, final int depth)
    {
        return booksJson(pipeline.books(), pipeline.builder()::symbol, depth);
    }

    /**
     * As {@link #booksJson(FeedPipeline, int)}, for books built elsewhere (a subscriber's).
     *
     * @param books    the books.
     * @param symbolOf a locate's symbol, 8 ASCII bytes in a long.
     * @param depth    levels per side.
     * @return the JSON array.
     */
    public static Json.ArrayValue booksJson(final OrderBooks books, final IntToLongFunction symbolOf, final int depth)
    {
        final BookSnapshot snapshot = new BookSnapshot(depth);
        final Json.ArrayValue list = Json.array();
        for (int locate = books.nextNonEmptyLocate(0); locate >= 0; locate = books.nextNonEmptyLocate(locate + 1))
        {
            snapshot.capture(books, locate);
            final Json.ArrayValue bids = Json.array();
            for (int i = 0; i < snapshot.bidCount(); i++)
            {
                bids.add(Json.array().add(snapshot.bidPrice(i)).add(snapshot.bidShares(i)).add(snapshot.bidOrders(i)));
            }
            final Json.ArrayValue asks = Json.array();
            for (int i = 0; i < snapshot.askCount(); i++)
            {
                asks.add(Json.array().add(snapshot.askPrice(i)).add(snapshot.askShares(i)).add(snapshot.askOrders(i)));
            }
            final Json.ObjectValue book = Json.object()
                .put("locate", locate)
                .put("symbol", Symbols.toString(symbolOf.applyAsLong(locate)))
                .put("bids", bids)
                .put("asks", asks);
            if (books.isStale(locate))
            {
                book.put("stale", true);
            }
            list.add(book);
        }
        return list;
    }

    private static Json.ObjectValue countsJson(final Map<String, Long> counts)
    {
        final Json.ObjectValue object = Json.object();
        counts.forEach(object::put);
        return object;
    }

    private void printSummary(
        final PrintWriter out,
        final FeedPipeline pipeline,
        final double seconds,
        final boolean truncated,
        final ReplaySkips skips)
    {
        final ItchDecoder decoder = pipeline.decoder();
        out.printf("replayed %s (%s)%s%n", file, format, truncated ? " -- TRUNCATED, see stderr" : "");
        out.printf("messages   %,d in %.3f s = %,d msg/s%n", decoder.messages(), seconds,
            Math.round(decoder.messages() / Math.max(seconds, 1e-9)));
        out.printf("unknown    %,d   malformed %,d%n", decoder.unknown(),
            decoder.malformed() + pipeline.sequencer().counters().malformedPackets());
        if ("pcap".equals(format))
        {
            final MoldUdp64Sequencer s = pipeline.sequencer();
            out.printf("sequence   packets %,d  gaps %,d  missing messages %,d  duplicate packets %,d%n",
                s.counters().packets(), s.counters().gaps(), s.counters().missingMessages(), s.counters().duplicatePackets());
            out.printf("sessions   implausible sequence packets %,d  foreign session packets %,d  session changes %,d%n",
                s.counters().implausibleSequencePackets(), s.counters().foreignSessionPackets(),
                s.counters().sessionChanges());
        }
        if (null != soupBinTcp)
        {
            out.printf("soupbintcp packets %,d  sequenced data %,d  logins accepted %,d  heartbeats %,d  other %,d  " +
                "end of session %s  end of snapshot %s%n", soupBinTcp.packets(), soupBinTcp.sequencedData(),
                soupBinTcp.loginsAccepted(), soupBinTcp.heartbeats(), soupBinTcp.otherPackets(),
                soupBinTcp.endOfSession() ? "yes" : "no",
                endOfSnapshot < 0 ? "none" : "at sequence " + endOfSnapshot);
        }
        if (skips.bytes() > 0 || !skips.inWords(false).isEmpty())
        {
            out.printf("skipped    %s%n", skips.inWords(false));
            out.printf("skipped bytes %,d%n", skips.bytes());
        }
        final String rejects = ReplaySkips.inWords(ReplaySkips.rejects(pipeline.books()));
        if (!rejects.isEmpty())
        {
            out.printf("rejects    %s%n", rejects);
        }
        out.println("by type:");
        for (final byte type : ItchMessageTypes.knownTypes())
        {
            final long n = decoder.count(type);
            if (n > 0)
            {
                out.printf("  %c %-45s %,14d%n", (char)type, ItchMessageTypes.name(type), n);
            }
        }
        final OrderBooks books = pipeline.books();
        out.printf("books: %,d non-empty, %,d resting orders, %,d price levels (capacity %,d orders, %,d levels)%n",
            countNonEmpty(books), books.restingOrders(), books.usedLevels(), books.maxOrders(), books.maxLevels());
        out.printf("  %6s %-8s %22s   %-22s%n", "locate", "symbol", "best bid (shares@price)", "best ask (shares@price)");
        for (int locate = books.nextNonEmptyLocate(0); locate >= 0; locate = books.nextNonEmptyLocate(locate + 1))
        {
            out.printf("  %6d %-8s %22s   %-22s%s%n", locate, Symbols.toString(pipeline.builder().symbol(locate)),
                quote(books.bestBidShares(locate), books.bestBidPrice(locate)),
                quote(books.bestAskShares(locate), books.bestAskPrice(locate)),
                books.isStale(locate) ? "  (stale)" : "");
        }
    }

    private static int countNonEmpty(final OrderBooks books)
    {
        int n = 0;
        for (int locate = books.nextNonEmptyLocate(0); locate >= 0; locate = books.nextNonEmptyLocate(locate + 1))
        {
            n++;
        }
        return n;
    }

    private static String quote(final long shares, final long price)
    {
        if (price == OrderBooks.NULL_PRICE)
        {
            return "-";
        }
        return String.format("%,d@%d.%04d", shares, price / 10_000, price % 10_000);
    }

    private static double round(final double seconds)
    {
        return Math.round(seconds * 1e6) / 1e6;
    }

    /** Capacity errors name the setting to raise, once per kind. */
    static final class CapacityReporter implements BookListener
    {
        private final PrintWriter err;
        private boolean ordersReported;
        private boolean levelsReported;

        CapacityReporter(final PrintWriter err)
        {
            this.err = err;
        }

        public void onCapacityExceeded(final String settingKey, final int capacity)
        {
            final boolean orders = Configuration.BOOK_MAX_ORDERS_PROP_NAME.equals(settingKey);
            if (orders ? ordersReported : levelsReported)
            {
                return;
            }
            if (orders)
            {
                ordersReported = true;
            }
            else
            {
                levelsReported = true;
            }
            err.println("feed-handler: book capacity of " + capacity + " reached: raise " + settingKey +
                " (in the --config file or -D" + settingKey + "=N in JAVA_OPTS); further rejects are counted");
        }
    }
}
