package org.feedhandler.transport;

import org.agrona.CloseHelper;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;

/**
 * The live packet source the configuration names ({@code feed.transport}): one or two UDP multicast
 * lines, or one Aeron subscription on a client of its own (and an embedded driver when
 * {@code feed.aeron.dir} is not set), which it closes with the source. The handler and the tests open
 * their sources through here, so there is one way to do it.
 */
public final class FeedSource implements AutoCloseable
{
    /** The transports {@code feed.transport} may name. */
    public static final String UDP = "udp";
    public static final String AERON = "aeron";

    private final PacketSource source;
    private final UdpMulticastSource udp;
    private final AeronTransport aeron;

    /**
     * Which transport, and its settings; concluded once, by {@link #open}.
     */
    public static final class Context
    {
        private String transport = Configuration.TRANSPORT_DEFAULT;
        private UdpMulticastSource.Context udp = new UdpMulticastSource.Context();
        private String aeronDirectory;
        private String aeronChannel = Configuration.AERON_CHANNEL_DEFAULT;
        private int aeronStreamId = Configuration.AERON_STREAM_ID_DEFAULT;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private boolean concluded;

        /**
         * Read {@code feed.transport} and the keys of the transport it names.
         *
         * @param settings the configuration.
         * @return a context.
         * @throws org.feedhandler.config.ConfigurationException naming the key at fault.
         */
        public static Context fromSettings(final Settings settings)
        {
            final Context ctx = new Context().transport(
                settings.choice(Configuration.TRANSPORT_PROP_NAME, Configuration.TRANSPORT_DEFAULT, UDP, AERON));
            if (UDP.equals(ctx.transport))
            {
                return ctx.udp(UdpMulticastSource.Context.fromSettings(settings));
            }
            return ctx
                .aeronDirectory(settings.string(Configuration.AERON_DIR_PROP_NAME, null))
                .aeronChannel(settings.string(Configuration.AERON_CHANNEL_PROP_NAME, Configuration.AERON_CHANNEL_DEFAULT))
                .aeronStreamId(settings.intValue(Configuration.AERON_STREAM_ID_PROP_NAME,
                    Configuration.AERON_STREAM_ID_DEFAULT, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }

        /**
         * @param transport {@link #UDP} or {@link #AERON}.
         * @return this.
         */
        public Context transport(final String transport)
        {
            this.transport = transport;
            return this;
        }

        /**
         * @param udp the multicast lines, for {@link #UDP}.
         * @return this.
         */
        public Context udp(final UdpMulticastSource.Context udp)
        {
            this.udp = udp;
            return this;
        }

        /**
         * @param aeronDirectory an external driver's directory, or null to embed one ({@link #AERON}).
         * @return this.
         */
        public Context aeronDirectory(final String aeronDirectory)
        {
            this.aeronDirectory = aeronDirectory;
            return this;
        }

        /**
         * @param aeronChannel the channel to subscribe to ({@link #AERON}).
         * @return this.
         */
        public Context aeronChannel(final String aeronChannel)
        {
            this.aeronChannel = aeronChannel;
            return this;
        }

        /**
         * @param aeronStreamId the stream to subscribe to ({@link #AERON}).
         * @return this.
         */
        public Context aeronStreamId(final int aeronStreamId)
        {
            this.aeronStreamId = aeronStreamId;
            return this;
        }

        /**
         * @param nanoClock stamps each packet.
         * @return this.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        public String transport()
        {
            return transport;
        }

        /**
         * @return this, checked; the UDP context takes the same clock (and is concluded when opened).
         * @throws IllegalStateException when concluded twice or the transport is unknown.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("FeedSource.Context already concluded");
            }
            if (!UDP.equals(transport) && !AERON.equals(transport))
            {
                throw new IllegalStateException("transport must be " + UDP + " or " + AERON + ": " + transport);
            }
            if (UDP.equals(transport))
            {
                udp.nanoClock(nanoClock);
            }
            concluded = true;
            return this;
        }
    }

    private FeedSource(final PacketSource source, final UdpMulticastSource udp, final AeronTransport aeron)
    {
        this.source = source;
        this.udp = udp;
        this.aeron = aeron;
    }

    /**
     * Conclude the context and open the source it names.
     *
     * @param ctx the transport and its settings.
     * @return the open source.
     */
    public static FeedSource open(final Context ctx)
    {
        ctx.conclude();
        if (UDP.equals(ctx.transport))
        {
            final UdpMulticastSource udp = UdpMulticastSource.open(ctx.udp);
            return new FeedSource(udp, udp, null);
        }

        final AeronTransport aeron = AeronTransport.connect(ctx.aeronDirectory, null);
        try
        {
            return new FeedSource(
                aeron.addSource(ctx.aeronChannel, ctx.aeronStreamId, Lines.A, ctx.nanoClock), null, aeron);
        }
        catch (final RuntimeException ex)
        {
            aeron.close();
            throw ex;
        }
    }

    /**
     * @return the packets, to poll from the receiver.
     */
    public PacketSource source()
    {
        return source;
    }

    /**
     * @return the UDP lines, or null on Aeron.
     */
    public UdpMulticastSource udp()
    {
        return udp;
    }

    /**
     * @return the Aeron client (and embedded driver), or null on UDP.
     */
    public AeronTransport aeron()
    {
        return aeron;
    }

    /**
     * @return 1 or 2 lines.
     */
    public int lineCount()
    {
        return null == udp ? 1 : udp.lineCount();
    }

    /**
     * Close the source, then the Aeron client and driver it runs on. Idempotent.
     */
    public void close()
    {
        CloseHelper.closeAll(source, aeron);
    }
}
