package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.pipeline.GlimpseBooks;
import org.feedhandler.sim.GlimpseServer;
import org.feedhandler.sim.Publisher;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherChannel;
import org.feedhandler.sim.PublisherResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code publish}: the exchange simulator. Sends a BinaryFILE, or a generated ITCH stream, as
 * MoldUDP64 at a fixed open-loop rate, with fault injection, a retransmission server and, with
 * {@code --snapshot-port}, a GLIMPSE server fed by a {@link SnapshotTap}.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Simulated exchange: send a BinaryFILE (or, without FILE, a generated ITCH 5.0 stream) as MoldUDP64 " +
        "packets at a fixed open-loop rate. Each message's ITCH timestamp is its intended send time " +
        "(nanoseconds since midnight in --timestamp-zone), so a receiver on this host measures wire-to-book latency without " +
        "coordinated omission. Answers MoldUDP64 retransmission requests from a bounded history.",
        "",
        "Channels:",
        "  udp://GROUP:PORT[?interface=IF][&b=GROUP:PORT][&interface.b=IF]",
        "      UDP multicast with TTL 0; IF is a name or an address (default lo).",
        "  aeron:ipc | aeron:udp?endpoint=HOST:PORT | any Aeron channel",
        "      one packet per Aeron message, with --stream-id and --aeron-dir.",
        ""
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:sent",
        "1:failed (a socket could not be opened, no Aeron subscriber, --snapshot-save could not write)",
        "64:bad usage",
        "66:FILE missing or unreadable"
    })
public final class PublishCommand implements Callable<Integer>
{
    @Mixin
    StreamOptions stream = new StreamOptions();

    @Mixin
    JsonOption output = new JsonOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
        description = "BinaryFILE to send (e.g. a Nasdaq *.NASDAQ_ITCH50 day file); omitted: generate a stream.")
    Path file;

    @Option(names = "--channel", required = true, paramLabel = "CHANNEL",
        description = "Where to send: udp://239.194.1.1:31001?interface=lo[&b=239.194.1.2:31002], aeron:ipc, " +
        "aeron:udp?endpoint=localhost:40456.")
    String channel;

    @Option(names = "--rate", required = true, paramLabel = "MSGS_PER_SEC",
        description = "Messages per second, open loop: message i is due at start + i/rate; 0.001 to 1e8.")
    double rate;

    @Option(names = "--seconds", paramLabel = "N",
        description = "Stop after N seconds of intended send time (default 10 for a generated stream without " +
        "--messages; a FILE runs to its end).")
    Double seconds;

    @Option(names = "--messages", paramLabel = "N", description = "Stop after N messages.")
    long messages;

    @Option(names = "--session", defaultValue = "SIMSESSION", paramLabel = "NAME",
        description = "MoldUDP64 session, up to 10 ASCII characters (default ${DEFAULT-VALUE}).")
    String session;

    @Option(names = "--loss", defaultValue = "0", paramLabel = "P",
        description = "Probability a packet is not sent (per line with --ab); it stays available for retransmission.")
    double loss;

    @Option(names = "--dup", defaultValue = "0", paramLabel = "P", description = "Probability a packet is sent twice.")
    double dup;

    @Option(names = "--reorder", defaultValue = "0", paramLabel = "P",
        description = "Probability a packet is held back and sent after the next one.")
    double reorder;

    @Option(names = "--ab", description = "Send every packet on both lines (the channel's b= group; for Aeron, " +
        "stream id + 1), with independent loss on each.")
    boolean ab;

    @Option(names = "--retransmit-port", defaultValue = "31100", paramLabel = "PORT",
        description = "UDP port of the MoldUDP64 request server; 0 disables it (default ${DEFAULT-VALUE}).")
    int retransmitPort;

    @Option(names = "--retransmit-host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "Address the request server binds (default ${DEFAULT-VALUE}).")
    String retransmitHost;

    @Option(names = "--history", defaultValue = "1048576", paramLabel = "MESSAGES",
        description = "Messages kept for retransmission, off-heap, 64 bytes each: 1 to 16777216 " +
        "(default ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--idle", defaultValue = "spin", paramLabel = "spin|yield|backoff",
        description = "How the send loop waits for the next message's time (default ${DEFAULT-VALUE}: one busy core).")
    String idle;

    @Option(names = "--max-packet", defaultValue = "1400", paramLabel = "BYTES",
        description = "Largest MoldUDP64 packet (default ${DEFAULT-VALUE}).")
    int maxPacket;

    @Option(names = "--end-of-session", description = "Finish with an end-of-session packet.")
    boolean endOfSession;

    @Option(names = "--linger", defaultValue = "0", paramLabel = "SECONDS",
        description = "After the last message, keep heartbeating (once a second) and answering retransmission " +
        "requests this long.")
    double linger;

    @Option(names = "--stream-id", defaultValue = "1001", paramLabel = "ID",
        description = "Aeron stream id (default ${DEFAULT-VALUE}, as feed.aeron.stream.id).")
    int streamId;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory of the driver to publish through (the handler's, required for aeron:ipc " +
        "across processes); omitted: an embedded driver.")
    String aeronDir;

    @Option(names = "--timestamp-zone", defaultValue = Configuration.TIMESTAMP_ZONE_DEFAULT, paramLabel = "ZONE",
        description = "Zone whose midnight the ITCH timestamps count from; the receiver's feed.timestamp.zone " +
        "(default ${DEFAULT-VALUE}).")
    String timestampZone;

    @Option(names = "--snapshot-port", paramLabel = "PORT",
        description = "Serve GLIMPSE 5.0 snapshots over SoupBinTCP 4.0 on this TCP port (0: any free port, named " +
        "on stderr): each login gets the books of what was sent so far, consistent at one sequence number, then " +
        "End of Snapshot. Omitted: no GLIMPSE server.")
    Integer snapshotPort;

    @Option(names = "--snapshot-host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "Address the GLIMPSE server binds (default ${DEFAULT-VALUE}).")
    String snapshotHost;

    @Option(names = "--snapshot-username", defaultValue = "", paramLabel = "NAME",
        description = "SoupBinTCP username a login must give, up to 6 characters (default: blank).")
    String snapshotUsername;

    @Option(names = "--snapshot-password", defaultValue = "", paramLabel = "WORD",
        description = "SoupBinTCP password a login must give, up to 10 characters (default: blank).")
    String snapshotPassword;

    @Option(names = "--snapshot-session", defaultValue = "GLIMPSE", paramLabel = "NAME",
        description = "The GLIMPSE server's SoupBinTCP session, up to 10 characters (default ${DEFAULT-VALUE}).")
    String snapshotSession;

    @Option(names = "--snapshot-save", paramLabel = "FILE",
        description = "After the last message, write the GLIMPSE session a login would then get (SoupBinTCP " +
        "packets as on the wire) to FILE, for replay --format soupbintcp.")
    Path snapshotSave;

    @Option(names = "--parent-pid", paramLabel = "PID", hidden = true,
        description = "Stop when this process exits (demo's simulator: never outlive the demo).")
    Long parentPid;


    @CommandLine.Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    private static ZoneId zone(final String id)
    {
        try
        {
            return ZoneId.of(id);
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException("--timestamp-zone: '" + id + "' is not a time zone such as " +
                "America/New_York or UTC");
        }
    }

    private static void stopRunning(final Publisher[] running)
    {
        final Publisher publisher = running[0];
        if (null != publisher)
        {
            publisher.stop();
        }
    }

    private GlimpseServer.Context snapshotContext(final GlimpseBooks books)
    {
        try
        {
            return new GlimpseServer.Context()
                .bindAddress(snapshotHost)
                .port(snapshotPort)
                .username(snapshotUsername)
                .password(snapshotPassword)
                .session(snapshotSession)
                .snapshotSource(() -> books.snapshot(SnapshotTap.TIMEOUT_MS))
                .conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--snapshot-" + ex.getMessage(), ex);
        }
    }

    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (null != file && !Files.isReadable(file))
        {
            err.println("publish: cannot read " + file);
            return ExitCodes.NO_INPUT;
        }

        final PublisherContext ctx;
        final GlimpseBooks glimpseBooks;
        try
        {
            glimpseBooks = null != snapshotPort || null != snapshotSave ? SnapshotTap.books(file) : null;
            ctx = new PublisherContext()
                .file(file)
                .channel(PublisherChannel.parse(channel))
                .rate(rate)
                .seconds(null != seconds ? seconds : (null == file && messages == 0 ? 10 : 0))
                .messages(messages)
                .seed(stream.seed)
                .stocks(stream.stocks)
                .subDollarPercent(stream.subDollarPercent)
                .session(session)
                .loss(loss)
                .duplicate(dup)
                .reorder(reorder)
                .ab(ab)
                .retransmitAddress(retransmitPort == 0 ? null :
                    new InetSocketAddress(InetAddress.getByName(retransmitHost), retransmitPort))
                .historyMessages(history)
                .idle(idle)
                .maxPacketLength(maxPacket)
                .endOfSession(endOfSession)
                .lingerSeconds(linger)
                .streamId(streamId)
                .aeronDir(aeronDir)
                .timestampZone(zone(timestampZone))
                .progress(progressOptions.progress() ? System.err : null)
                .progressJson(progressOptions.json())
                .tap(null == glimpseBooks ? null : new SnapshotTap(glimpseBooks));
            if (retransmitPort < 0 || retransmitPort > 65535)
            {
                throw new IllegalArgumentException("--retransmit-port out of range [0, 65535]: " + retransmitPort);
            }
            stream.check(spec.commandLine());
            ctx.conclude();
            if (null != snapshotPort && (snapshotPort < 0 || snapshotPort > 65535))
            {
                throw new IllegalArgumentException("--snapshot-port out of range [0, 65535]: " + snapshotPort);
            }
        }
        catch (final IllegalArgumentException | ConfigurationException | UnknownHostException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        final GlimpseServer.Context glimpse = null == snapshotPort ? null : snapshotContext(glimpseBooks);

        // Ctrl-C stops the send loop; the hook waits until the summary is out, so it is never lost
        final CountDownLatch finished = new CountDownLatch(1);
        final Publisher[] running = new Publisher[1];
        final Thread hook = new Thread(() ->
        {
            final Publisher publisher = running[0];
            if (null != publisher)
            {
                publisher.stop();
            }
            try
            {
                finished.await(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }, "publish-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        if (null != parentPid)
        {
            ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> stopRunning(running)), () -> stopRunning(running));
        }
        try (Publisher publisher = Publisher.launch(ctx);
            GlimpseServer glimpseServer = null == glimpse ? null : new GlimpseServer(glimpse))
        {
            if (null != glimpseServer && 0 == snapshotPort)
            {
                err.println("publish: GLIMPSE server on " + snapshotHost + ":" + glimpseServer.port());
                err.flush();
            }
            running[0] = publisher;
            if (null != parentPid && !ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false))
            {
                publisher.stop();
            }
            final PublisherResult result = publisher.run();
            if (publisher.skipped() > 0)
            {
                err.println("publish: skipped " + publisher.skipped() + " messages longer than a packet holds");
            }
            if (null != snapshotSave)
            {
                SnapshotTap.save(glimpseBooks, snapshotSession, snapshotSave);
            }
            out.println(output.json ?
                SnapshotTap.json(result.toJsonObject(), glimpseServer, glimpseBooks) :
                result.toSummary() + SnapshotTap.summary(glimpseServer, glimpseBooks));
            out.flush();
        }
        catch (final IOException ex)
        {
            err.println("publish: " + (null == snapshotSave ? "" : snapshotSave + ": ") + ex.getMessage());
            return ExitCodes.FAILED;
        }
        catch (final UncheckedIOException | IllegalStateException ex)
        {
            err.println("publish: " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        finally
        {
            finished.countDown();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ignore)
            {
                // shutting down: the hook is running and has just been released
            }
        }
        return ExitCodes.OK;
    }
}
