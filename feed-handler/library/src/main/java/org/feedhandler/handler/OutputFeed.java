package org.feedhandler.handler;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import org.feedhandler.normalized.OutputPublisher;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The handler's normalized output: an {@link ExclusivePublication} at {@code feed.output.channel} /
 * {@code feed.output.stream} with its {@link OutputPublisher}, and, when {@code feed.output.archive.dir}
 * is set, an Aeron {@link Archive} in the same media driver that records the publication from its first
 * message, so that late subscribers replay it ({@code docs/decisions/0042}).
 * <p>
 * The archive runs on threads of its own ({@link ArchiveThreadingMode#DEDICATED}: recording, replays and
 * control each on one, backing off when idle; with one shared thread a long replay held the recording
 * back until the publication pushed back, see docs/decisions/0042) and reads the publication like any
 * subscriber: a late join is the archive's work, never the receiver's.
 * Its control is local (IPC through the same driver): subscribers on this host connect to it with
 * {@link #archiveClientContext(String)}.
 * <p>
 * UDP output with an MDC control endpoint ({@code control=HOST:PORT|control-mode=dynamic}) is recorded as
 * a remote subscriber, so that subscribers can join with Aeron's {@code ReplayMerge}; other output is
 * recorded locally.
 */
public final class OutputFeed implements AutoCloseable
{
    private static final long RECORDING_START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final Aeron aeron;
    private final Archive archive;
    private final AeronArchive archiveClient;
    private final ExclusivePublication publication;
    private final OutputPublisher publisher;
    private final long recordingId;
    private final String recordingChannel;

    private OutputFeed(
        final Aeron aeron,
        final Archive archive,
        final AeronArchive archiveClient,
        final ExclusivePublication publication,
        final OutputPublisher publisher,
        final long recordingId,
        final String recordingChannel)
    {
        this.aeron = aeron;
        this.archive = archive;
        this.archiveClient = archiveClient;
        this.publication = publication;
        this.publisher = publisher;
        this.recordingId = recordingId;
        this.recordingChannel = recordingChannel;
    }

    /**
     * Add the publication and, with an archive directory, launch the archive and start recording.
     *
     * @param aeron        a client of the handler's media driver.
     * @param channel      the output channel.
     * @param streamId     the output stream.
     * @param archiveDir   where the archive keeps its recordings (emptied at start), or null for none.
     * @param termLength   the publication's term length unless the channel sets one; 0: the driver's.
     * @param publisher    to connect to the publication (the listener the pipeline already holds).
     * @param counters     the publisher's shared counters, or null.
     * @return the output, publishing.
     */
    public static OutputFeed start(
        final Aeron aeron,
        final String channel,
        final int streamId,
        final Path archiveDir,
        final int termLength,
        final OutputPublisher publisher,
        final OutputPublisher.Counters counters)
    {
        Archive archive = null;
        AeronArchive client = null;
        ExclusivePublication publication = null;
        try
        {
            final ChannelUri publicationUri = ChannelUri.parse(channel);
            if (termLength > 0 && null == publicationUri.get(CommonContext.TERM_LENGTH_PARAM_NAME))
            {
                publicationUri.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(termLength));
            }
            publication = aeron.addExclusivePublication(publicationUri.toString(), streamId);
            long recordingId = -1;
            String recordingChannel = null;
            if (null != archiveDir)
            {
                final String aeronDir = aeron.context().aeronDirectoryName();
                archive = Archive.launch(new Archive.Context()
                    .aeronDirectoryName(aeronDir)
                    .archiveDir(archiveDir.toFile())
                    .deleteArchiveOnStart(true)
                    .controlChannelEnabled(false)
                    .archiveClientContext(new AeronArchive.Context().controlResponseChannel(CommonContext.IPC_CHANNEL))
                    .replicationChannel("aeron:udp?endpoint=localhost:0")
                    .recordingEventsEnabled(false)
                    .threadingMode(ArchiveThreadingMode.DEDICATED)
                    .idleStrategySupplier(() -> new BackoffIdleStrategy(
                        100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1))));
                client = AeronArchive.connect(archiveClientContext(aeronDir).aeron(aeron));
                final ChannelUri uri = ChannelUri.parse(channel);
                final String control = uri.get(CommonContext.MDC_CONTROL_PARAM_NAME);
                if (CommonContext.UDP_MEDIA.equals(uri.media()) && null != control)
                {
                    recordingChannel = "aeron:udp?endpoint=localhost:0|control=" + control + "|session-id=" +
                        publication.sessionId();
                    client.startRecording(recordingChannel, streamId, SourceLocation.REMOTE, true);
                }
                else
                {
                    recordingChannel = ChannelUri.addSessionId(channel, publication.sessionId());
                    client.startRecording(recordingChannel, streamId, SourceLocation.LOCAL, true);
                }
                recordingId = awaitRecording(aeron.countersReader(), publication.sessionId(), client.archiveId());
            }
            publisher.connect(publication, counters, false);
            return new OutputFeed(aeron, archive, client, publication, publisher, recordingId, recordingChannel);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(publication, client, archive);
            throw ex;
        }
    }

    /**
     * An archive client context for this host's archive, reached through the media driver at
     * {@code aeronDir} (local control over IPC).
     *
     * @param aeronDir the handler's media driver directory.
     * @return the context, to complete with {@code aeron(...)} and connect.
     */
    public static AeronArchive.Context archiveClientContext(final String aeronDir)
    {
        return new AeronArchive.Context()
            .aeronDirectoryName(aeronDir)
            .controlRequestChannel(CommonContext.IPC_CHANNEL)
            .controlRequestStreamId(AeronArchive.Configuration.localControlStreamId())
            .controlResponseChannel(CommonContext.IPC_CHANNEL);
    }

    private static long awaitRecording(final CountersReader counters, final int sessionId, final long archiveId)
    {
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        final long deadline = System.nanoTime() + RECORDING_START_TIMEOUT_NS;
        int counterId;
        while (CountersReader.NULL_COUNTER_ID == (counterId = RecordingPos.findCounterIdBySession(counters, sessionId, archiveId)))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the archive did not start recording the output within 10 s");
            }
            idle.idle();
        }
        return RecordingPos.getRecordingId(counters, counterId);
    }

    /** @return the publisher: the {@code MarketDataListener} the pipeline calls. */
    public OutputPublisher publisher()
    {
        return publisher;
    }

    /** @return the client of the media driver the output is on. */
    public Aeron aeron()
    {
        return aeron;
    }

    public ExclusivePublication publication()
    {
        return publication;
    }

    /** @return true when the output is recorded for late joiners. */
    public boolean isRecorded()
    {
        return null != archive;
    }

    /** @return the recording's id, or -1. */
    public long recordingId()
    {
        return recordingId;
    }

    /** @return the archive's directory, or null. */
    public File archiveDir()
    {
        return null == archive ? null : archive.context().archiveDir();
    }

    public void close()
    {
        if (null != archiveClient && null != recordingChannel)
        {
            try
            {
                archiveClient.stopRecording(publication);
            }
            catch (final RuntimeException ignore)
            {
                // the recording stops with the publication anyway
            }
        }
        CloseHelper.closeAll(publication, archiveClient, archive);
    }
}
