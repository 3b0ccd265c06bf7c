package org.feedhandler.transport;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An Aeron client, connected either to an external media driver ({@code feed.aeron.dir}) or to an
 * embedded one that this class launches and owns.
 * <p>
 * The embedded driver runs {@link ThreadingMode#SHARED}: conductor, sender and receiver on one
 * thread, with a {@link BackoffIdleStrategy} that spins briefly, yields, then parks up to 1 ms, so
 * it keeps up while packets flow and costs next to no CPU while idle, leaving the machine's one
 * busy-spinning thread to the receiver. Its directory is unique to the process (under
 * {@code /dev/shm} when present, else {@code java.io.tmpdir}), deleted on start and on close, and
 * its term buffers are 8 MiB rather than Aeron's 16/64 MiB defaults. {@link #close()} closes the
 * client and the driver and waits for their threads, leaving no files and no threads.
 */
public final class AeronTransport implements AutoCloseable
{
    /** Term buffer length of publications made through the embedded driver. */
    public static final int EMBEDDED_TERM_BUFFER_LENGTH = 8 * 1024 * 1024;

    private final MediaDriver driver;
    private final Aeron aeron;
    private final String aeronDirectoryName;
    private boolean closed;

    private AeronTransport(final String externalDir, final ErrorHandler errorHandler)
    {
        MediaDriver launched = null;
        final String dir;
        if (null == externalDir || externalDir.isBlank())
        {
            dir = uniqueDirectory();
            final IdleStrategy idle = new BackoffIdleStrategy(
                100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
            final MediaDriver.Context driverCtx = new MediaDriver.Context()
                .aeronDirectoryName(dir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(idle)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .warnIfDirectoryExists(false)
                .ipcTermBufferLength(EMBEDDED_TERM_BUFFER_LENGTH)
                .publicationTermBufferLength(EMBEDDED_TERM_BUFFER_LENGTH)
                .termBufferSparseFile(true);
            if (null != errorHandler)
            {
                driverCtx.errorHandler(errorHandler);
            }
            launched = MediaDriver.launch(driverCtx);
        }
        else
        {
            dir = externalDir;
        }
        try
        {
            final Aeron.Context clientCtx = new Aeron.Context().aeronDirectoryName(dir);
            if (null != errorHandler)
            {
                clientCtx.errorHandler(errorHandler);
            }
            aeron = Aeron.connect(clientCtx);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(launched);
            throw ex;
        }
        driver = launched;
        aeronDirectoryName = dir;
    }

    /**
     * Launch an embedded driver and connect to it.
     *
     * @return the transport.
     */
    public static AeronTransport launchEmbedded()
    {
        return new AeronTransport(null, null);
    }

    /**
     * @param aeronDir     an external driver's directory, or null/blank to launch an embedded one.
     * @param errorHandler for the driver's and client's errors, or null for Aeron's default (stderr).
     * @return the transport, connected.
     */
    public static AeronTransport connect(final String aeronDir, final ErrorHandler errorHandler)
    {
        return new AeronTransport(aeronDir, errorHandler);
    }

    private static String uniqueDirectory()
    {
        final Path shm = Path.of("/dev/shm");
        final String base = Files.isDirectory(shm) && Files.isWritable(shm) ?
            shm.toString() : System.getProperty("java.io.tmpdir");
        return base + File.separator + "feed-handler-aeron-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL);
    }

    /**
     * @param channel  an Aeron channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=localhost:40456}.
     * @param streamId the stream.
     * @return a subscription, waiting for publishers.
     */
    public Subscription addSubscription(final String channel, final int streamId)
    {
        return aeron.addSubscription(channel, streamId);
    }

    /**
     * @param channel   an Aeron channel.
     * @param streamId  the stream.
     * @param line      reported with each packet.
     * @param nanoClock stamps each packet.
     * @return a source over a new subscription, which it closes.
     */
    public AeronSource addSource(final String channel, final int streamId, final int line, final NanoClock nanoClock)
    {
        return new AeronSource(aeron.addSubscription(channel, streamId), line, nanoClock, true);
    }

    /**
     * @param channel  an Aeron channel.
     * @param streamId the stream.
     * @return a source on {@link Lines#A} stamped with {@link System#nanoTime()}.
     */
    public AeronSource addSource(final String channel, final int streamId)
    {
        return addSource(channel, streamId, Lines.A, SystemNanoClock.INSTANCE);
    }

    /**
     * @param channel  an Aeron channel.
     * @param streamId the stream.
     * @return an exclusive publication (one publishing thread).
     */
    public Publication addPublication(final String channel, final int streamId)
    {
        return aeron.addExclusivePublication(channel, streamId);
    }

    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * @return the directory of the driver in use: give it to another process (for example
     * {@code publish --aeron-dir}) so it reaches this driver.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * @return true when this transport launched the driver it uses.
     */
    public boolean isEmbedded()
    {
        return null != driver;
    }

    /**
     * Close the client, then the embedded driver (which deletes its directory). Idempotent.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.closeAll(aeron, driver);
        }
    }
}
