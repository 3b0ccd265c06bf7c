package org.feedhandler.transport;

import org.agrona.concurrent.NanoClock;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.Lines;

/**
 * Opens the live packet source the configuration names ({@code feed.transport}).
 */
public final class PacketSources
{
    /**
     * @param settings  the configuration: {@code feed.transport} and the {@code feed.udp.*} or
     *                  {@code feed.aeron.*} keys.
     * @param nanoClock stamps each packet.
     * @return a {@link UdpMulticastSource}, or an {@link AeronSource} that closes its
     * {@link AeronTransport} (and so an embedded driver) with it.
     * @throws org.feedhandler.config.ConfigurationException naming the key at fault.
     */
    public static PacketSource fromSettings(final Settings settings, final NanoClock nanoClock)
    {
        final String transport = settings.choice(
            Configuration.TRANSPORT_PROP_NAME, Configuration.TRANSPORT_DEFAULT, "udp", "aeron");
        if ("udp".equals(transport))
        {
            return UdpMulticastSource.open(UdpMulticastSource.Context.fromSettings(settings).nanoClock(nanoClock));
        }

        final String channel = settings.string(Configuration.AERON_CHANNEL_PROP_NAME, Configuration.AERON_CHANNEL_DEFAULT);
        final int streamId = settings.intValue(Configuration.AERON_STREAM_ID_PROP_NAME,
            Configuration.AERON_STREAM_ID_DEFAULT, Integer.MIN_VALUE, Integer.MAX_VALUE);
        final AeronTransport aeron = AeronTransport.fromSettings(settings);
        try
        {
            return aeron.addSource(channel, streamId, Lines.A, nanoClock).closeWith(aeron);
        }
        catch (final RuntimeException ex)
        {
            aeron.close();
            throw ex;
        }
    }

    private PacketSources()
    {
    }
}
