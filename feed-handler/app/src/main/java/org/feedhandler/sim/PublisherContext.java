package org.feedhandler.sim;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.IdleStrategies;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.protocol.itch.ItchMessage;
import org.feedhandler.protocol.moldudp64.MoldUdp64;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * Everything a {@link Publisher} needs: what to send, where, how fast and with which faults. Setters
 * return this; {@link #conclude()} validates once, naming the option at fault, and fills in defaults.
 */
public final class PublisherContext
{
    /** Orders the generated stream keeps resting at most (with the seed and stocks, it fixes the stream). */
    public static final int DEFAULT_MAX_LIVE_ORDERS = 100_000;

    private Path file;
    private long seed = 1;
    private int stocks = 100;
    private int maxLiveOrders = DEFAULT_MAX_LIVE_ORDERS;
    private int subDollarPercent;
    private String session = "SIMSESSION";
    private double rate;
    private double seconds;
    private long messages;
    private int maxPacketLength = MoldUdp64.DEFAULT_MAX_PACKET_LENGTH;
    private double loss;
    private double duplicate;
    private double reorder;
    private boolean ab;
    private PublisherChannel channel;
    private int streamId = 1001;
    private String aeronDir;
    private InetSocketAddress retransmitAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 31100);
    private int historyMessages = 1 << 20;
    private String idle = "spin";
    private boolean endOfSession;
    private double lingerSeconds;
    private long heartbeatIntervalNs = TimeUnit.SECONDS.toNanos(1);
    private long aeronConnectTimeoutNs = TimeUnit.SECONDS.toNanos(10);
    private PrintStream progress;
    private boolean progressJson;
    private MidnightClock midnightClock;
    private ZoneId timestampZone = ZoneId.of(Configuration.TIMESTAMP_ZONE_DEFAULT);
    private ErrorHandler errorHandler = Throwable::printStackTrace;
    private PublisherTap tap;
    private boolean concluded;

    /**
     * @param file a BinaryFILE to send, or null to send the generated stream.
     * @return this.
     */
    public PublisherContext file(final Path file)
    {
        this.file = file;
        return this;
    }

    /**
     * @param seed of the generator and of the fault injection.
     * @return this.
     */
    public PublisherContext seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    public PublisherContext stocks(final int stocks)
    {
        this.stocks = stocks;
        return this;
    }

    /**
     * @param subDollarPercent percent of the generated stream's stocks priced below $1, quoted in
     *                         $0.0001 (0..100; see {@link MarketGenerator}).
     * @return this.
     */
    public PublisherContext subDollarPercent(final int subDollarPercent)
    {
        this.subDollarPercent = subDollarPercent;
        return this;
    }

    public PublisherContext maxLiveOrders(final int maxLiveOrders)
    {
        this.maxLiveOrders = maxLiveOrders;
        return this;
    }

    /**
     * @param session up to 10 ASCII characters.
     * @return this.
     */
    public PublisherContext session(final String session)
    {
        this.session = session;
        return this;
    }

    /**
     * @param rate messages per second, open loop.
     * @return this.
     */
    public PublisherContext rate(final double rate)
    {
        this.rate = rate;
        return this;
    }

    /**
     * @param seconds stop after this long (0: no limit).
     * @return this.
     */
    public PublisherContext seconds(final double seconds)
    {
        this.seconds = seconds;
        return this;
    }

    /**
     * @param messages stop after this many (0: no limit).
     * @return this.
     */
    public PublisherContext messages(final long messages)
    {
        this.messages = messages;
        return this;
    }

    public PublisherContext maxPacketLength(final int maxPacketLength)
    {
        this.maxPacketLength = maxPacketLength;
        return this;
    }

    public PublisherContext loss(final double loss)
    {
        this.loss = loss;
        return this;
    }

    public PublisherContext duplicate(final double duplicate)
    {
        this.duplicate = duplicate;
        return this;
    }

    public PublisherContext reorder(final double reorder)
    {
        this.reorder = reorder;
        return this;
    }

    /**
     * @param ab send every packet on both lines (the channel's b= group, or Aeron stream id + 1).
     * @return this.
     */
    public PublisherContext ab(final boolean ab)
    {
        this.ab = ab;
        return this;
    }

    public PublisherContext channel(final PublisherChannel channel)
    {
        this.channel = channel;
        return this;
    }

    public PublisherContext streamId(final int streamId)
    {
        this.streamId = streamId;
        return this;
    }

    /**
     * @param aeronDir the directory of the driver to publish through (the handler's); null to
     *                 launch an embedded one.
     * @return this.
     */
    public PublisherContext aeronDir(final String aeronDir)
    {
        this.aeronDir = aeronDir;
        return this;
    }

    /**
     * @param retransmitAddress where the request server listens, or null for none.
     * @return this.
     */
    public PublisherContext retransmitAddress(final InetSocketAddress retransmitAddress)
    {
        this.retransmitAddress = retransmitAddress;
        return this;
    }

    public PublisherContext historyMessages(final int historyMessages)
    {
        this.historyMessages = historyMessages;
        return this;
    }

    /**
     * @param idle how the send loop waits for the next message's time: spin, yield or backoff.
     * @return this.
     */
    public PublisherContext idle(final String idle)
    {
        this.idle = idle;
        return this;
    }

    public PublisherContext endOfSession(final boolean endOfSession)
    {
        this.endOfSession = endOfSession;
        return this;
    }

    /**
     * @param lingerSeconds after the last message, keep heartbeating and answering requests this long.
     * @return this.
     */
    public PublisherContext lingerSeconds(final double lingerSeconds)
    {
        this.lingerSeconds = lingerSeconds;
        return this;
    }

    public PublisherContext heartbeatIntervalNs(final long heartbeatIntervalNs)
    {
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        return this;
    }

    public PublisherContext aeronConnectTimeoutNs(final long aeronConnectTimeoutNs)
    {
        this.aeronConnectTimeoutNs = aeronConnectTimeoutNs;
        return this;
    }

    /**
     * @param progress where a line per second goes, or null for none.
     * @return this.
     */
    public PublisherContext progress(final PrintStream progress)
    {
        this.progress = progress;
        return this;
    }

    /**
     * @param json true for progress lines as one JSON object each (for log shippers).
     * @return this.
     */
    public PublisherContext progressJson(final boolean json)
    {
        this.progressJson = json;
        return this;
    }

    /**
     * @param midnightClock the clock that turns intended send times into ITCH timestamps; share the
     *                      receiver's in-process.
     * @return this.
     */
    public PublisherContext midnightClock(final MidnightClock midnightClock)
    {
        this.midnightClock = midnightClock;
        return this;
    }

    /**
     * @param zone whose midnight the ITCH timestamps count from, when no clock is given: the
     *             receiver's {@code feed.timestamp.zone} (default America/New_York).
     * @return this.
     */
    public PublisherContext timestampZone(final ZoneId zone)
    {
        this.timestampZone = zone;
        return this;
    }

    public PublisherContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    public PublisherChannel channel()
    {
        return channel;
    }

    public Path file()
    {
        return file;
    }

    public long seed()
    {
        return seed;
    }

    public int stocks()
    {
        return stocks;
    }

    public int maxLiveOrders()
    {
        return maxLiveOrders;
    }

    public int subDollarPercent()
    {
        return subDollarPercent;
    }

    public String session()
    {
        return session;
    }

    public double rate()
    {
        return rate;
    }

    public double seconds()
    {
        return seconds;
    }

    public long messages()
    {
        return messages;
    }

    public int maxPacketLength()
    {
        return maxPacketLength;
    }

    public double loss()
    {
        return loss;
    }

    public double duplicate()
    {
        return duplicate;
    }

    public double reorder()
    {
        return reorder;
    }

    public boolean ab()
    {
        return ab;
    }

    public int streamId()
    {
        return streamId;
    }

    public String aeronDir()
    {
        return aeronDir;
    }

    public InetSocketAddress retransmitAddress()
    {
        return retransmitAddress;
    }

    public int historyMessages()
    {
        return historyMessages;
    }

    public String idle()
    {
        return idle;
    }

    public boolean endOfSession()
    {
        return endOfSession;
    }

    public double lingerSeconds()
    {
        return lingerSeconds;
    }

    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    public long aeronConnectTimeoutNs()
    {
        return aeronConnectTimeoutNs;
    }

    public PrintStream progress()
    {
        return progress;
    }

    public boolean progressJson()
    {
        return progressJson;
    }

    public MidnightClock midnightClock()
    {
        return midnightClock;
    }

    /**
     * @param tap sees every message sent and is polled between packets (see {@link PublisherTap}); null
     *            (the default) for none.
     * @return this.
     */
    public PublisherContext tap(final PublisherTap tap)
    {
        this.tap = tap;
        return this;
    }

    public PublisherTap tap()
    {
        return tap;
    }

    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @return true once {@link #conclude()} has run.
     */
    public boolean isConcluded()
    {
        return concluded;
    }

    /**
     * Validate and fill in the defaults, once; the message names the option at fault.
     *
     * @return this.
     * @throws IllegalArgumentException when something is out of range or inconsistent.
     * @throws IllegalStateException    when already concluded.
     */
    public PublisherContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        if (null == channel)
        {
            throw new IllegalArgumentException("--channel is required");
        }
        if (!(rate >= Publisher.MIN_RATE && rate <= Publisher.MAX_RATE))
        {
            throw new IllegalArgumentException("--rate must be in [" + Publisher.MIN_RATE + ", " + Publisher.MAX_RATE +
                "] messages per second, not " + rate);
        }
        if (historyMessages < 1 || historyMessages > MessageHistory.MAX_CAPACITY)
        {
            throw new IllegalArgumentException("--history must be in [1, " + MessageHistory.MAX_CAPACITY +
                "] messages, not " + historyMessages);
        }
        requireProbability("--loss", loss);
        requireProbability("--dup", duplicate);
        requireProbability("--reorder", reorder);
        if (seconds < 0 || messages < 0 || lingerSeconds < 0)
        {
            throw new IllegalArgumentException("--seconds, --messages and --linger must not be negative");
        }
        if (ab && !channel.isAeron() && !channel.hasLineB())
        {
            throw new IllegalArgumentException("--ab needs the B line in the channel: udp://A:PORT?b=B:PORT");
        }
        if (!ab && channel.hasLineB())
        {
            throw new IllegalArgumentException("the channel names a B line: add --ab to send on both lines");
        }
        if (maxPacketLength < MoldUdp64.HEADER_LENGTH + 2 + ItchMessage.HEADER_LENGTH ||
            maxPacketLength > 65507)
        {
            throw new IllegalArgumentException("packet length out of range [" +
                (MoldUdp64.HEADER_LENGTH + 2 + ItchMessage.HEADER_LENGTH) + ", 65507]: " + maxPacketLength);
        }
        MoldUdp64.sessionHigh(session);
        idleStrategy(idle);
        if (null == midnightClock)
        {
            midnightClock = new MidnightClock(timestampZone);
        }
        concluded = true;
        return this;
    }

    private static void requireProbability(final String option, final double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new IllegalArgumentException(option + " must be a probability in [0, 1]: " + p);
        }
    }

    /**
     * @param name spin, yield or backoff.
     * @return the idle strategy.
     * @throws IllegalArgumentException naming {@code --idle} when the name is unknown.
     */
    public static IdleStrategy idleStrategy(final String name)
    {
        try
        {
            return IdleStrategies.of(name, "--idle");
        }
        catch (final ConfigurationException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }
}
