package org.feedhandler.handler;

import org.feedhandler.config.Configuration;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.moldudp64.SequencerContext;

import java.util.concurrent.TimeUnit;

/**
 * Maps the sequencing keys of the configuration to a {@link SequencerContext}: the protocol layer
 * knows nothing of configuration files, so the handler, which builds the sequencer, reads them.
 * Every key is validated here, before anything is opened; a bad one stops start-up, named.
 */
final class SequencerSettings
{
    /** Bytes per cell of the store for held messages: a longer message is requested again instead. */
    static final int STORE_CELL_BYTES = 64;

    /**
     * @param settings the configuration.
     * @return a context with every configured setting; the caller adds the lines and the requester.
     * @throws org.feedhandler.config.ConfigurationException naming the key at fault.
     */
    static SequencerContext context(final Settings settings)
    {
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
        final long maxGap = settings.longValue(Configuration.GAP_MAX_MESSAGES_PROP_NAME,
            Configuration.GAP_MAX_MESSAGES_DEFAULT, 1, SequencerContext.MAX_GAP_MESSAGES_LIMIT);
        final int jumpConfirm = settings.intValue(Configuration.GAP_CONFIRM_PACKETS_PROP_NAME,
            Configuration.GAP_CONFIRM_PACKETS_DEFAULT, 1, 1_000_000);
        final int sessionPackets = settings.intValue(Configuration.SESSION_CONFIRM_PACKETS_PROP_NAME,
            Configuration.SESSION_CONFIRM_PACKETS_DEFAULT, 1, 1_000_000);
        final long sessionMs = settings.longValue(Configuration.SESSION_CONFIRM_MS_PROP_NAME,
            Configuration.SESSION_CONFIRM_MS_DEFAULT, 0, 3_600_000);

        return new SequencerContext()
            .startSequence(startSequence(settings))
            .followSessionChange(follow)
            .store(bufferBytes / STORE_CELL_BYTES, STORE_CELL_BYTES)
            .gapWaitNs(TimeUnit.MICROSECONDS.toNanos(gapWaitUs))
            .recovery(null, TimeUnit.MILLISECONDS.toNanos(timeoutMs), attempts)
            .lineSilenceNs(TimeUnit.MILLISECONDS.toNanos(silenceMs))
            .maxGapMessages(maxGap)
            .jumpConfirmPackets(jumpConfirm)
            .sessionConfirm(sessionPackets, TimeUnit.MILLISECONDS.toNanos(sessionMs));
    }

    private static long startSequence(final Settings settings)
    {
        final String value = settings.string(Configuration.SEQUENCE_START_PROP_NAME, Configuration.SEQUENCE_START_DEFAULT);
        if ("first".equalsIgnoreCase(value))
        {
            return SequencerContext.START_AT_FIRST_SEEN;
        }
        return settings.longValue(Configuration.SEQUENCE_START_PROP_NAME, 1, 1, Long.MAX_VALUE);
    }

    private SequencerSettings()
    {
    }
}
