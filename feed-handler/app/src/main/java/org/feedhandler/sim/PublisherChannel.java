package org.feedhandler.sim;

import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the simulator sends, parsed from one string.
 * <pre>
 *   udp://GROUP:PORT[?interface=IF][&amp;b=GROUP:PORT][&amp;interface.b=IF]
 *       UDP multicast, TTL 0 always. IF is an interface name or address (default lo); b adds
 *       the B line (on interface.b, default the A line's interface).
 *       e.g. udp://239.194.1.1:31001?interface=lo&amp;b=239.194.1.2:31002
 *
 *   aeron:ipc   aeron:udp?endpoint=HOST:PORT[|mtu=...]   (any Aeron channel)
 *       one MoldUDP64 packet per Aeron message, on the stream id given apart (--stream-id),
 *       the B line on stream id + 1.
 * </pre>
 *
 * @param text          the channel as given.
 * @param aeronChannel  the Aeron channel, or null for UDP.
 * @param groupA        the A line's group, or null for Aeron.
 * @param interfaceA    the A line's interface.
 * @param groupB        the B line's group, or null.
 * @param interfaceB    the B line's interface.
 */
public record PublisherChannel(
    String text,
    String aeronChannel,
    InetSocketAddress groupA,
    String interfaceA,
    InetSocketAddress groupB,
    String interfaceB)
{
    public static final String UDP_SCHEME = "udp://";
    public static final String DEFAULT_INTERFACE = "lo";

    /**
     * @param text the channel.
     * @return the parsed channel.
     * @throws ConfigurationException naming {@code channel} when malformed.
     */
    public static PublisherChannel parse(final String text)
    {
        final String key = "channel";
        if (null == text || text.isBlank())
        {
            throw new ConfigurationException(key, "is required: udp://GROUP:PORT?interface=IF or an aeron: channel");
        }
        if (text.startsWith("aeron:"))
        {
            return new PublisherChannel(text, text, null, null, null, null);
        }
        if (!text.startsWith(UDP_SCHEME))
        {
            throw new ConfigurationException(key, "'" + text + "' is neither udp://GROUP:PORT[?...] nor an aeron: channel");
        }
        final String rest = text.substring(UDP_SCHEME.length());
        final int query = rest.indexOf('?');
        final String endpoint = query < 0 ? rest : rest.substring(0, query);
        final Map<String, String> params = new LinkedHashMap<>();
        if (query >= 0)
        {
            for (final String pair : rest.substring(query + 1).split("&"))
            {
                if (pair.isEmpty())
                {
                    continue;
                }
                final int eq = pair.indexOf('=');
                if (eq <= 0)
                {
                    throw new ConfigurationException(key, "'" + pair + "' in '" + text + "' is not name=value");
                }
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        for (final String name : params.keySet())
        {
            if (!name.equals("interface") && !name.equals("b") && !name.equals("interface.b"))
            {
                throw new ConfigurationException(key, "unknown parameter '" + name + "' in '" + text +
                    "' (known: interface, b, interface.b)");
            }
        }
        final InetSocketAddress groupA = multicast(key, endpoint, text);
        final String interfaceA = params.getOrDefault("interface", DEFAULT_INTERFACE);
        final InetSocketAddress groupB = params.containsKey("b") ? multicast(key, params.get("b"), text) : null;
        final String interfaceB = params.getOrDefault("interface.b", interfaceA);
        return new PublisherChannel(text, null, groupA, interfaceA, groupB, interfaceB);
    }

    private static InetSocketAddress multicast(final String key, final String endpoint, final String text)
    {
        final InetSocketAddress address = Settings.parseEndpoint(key, endpoint, text);
        if (!address.getAddress().isMulticastAddress())
        {
            throw new ConfigurationException(key, address.getAddress().getHostAddress() +
                " in '" + text + "' is not a multicast group (224.0.0.0/4)");
        }
        return address;
    }

    /**
     * @return true for an Aeron channel.
     */
    public boolean isAeron()
    {
        return null != aeronChannel;
    }

    /**
     * @return true when a B line is configured (UDP only; Aeron's B line is a second stream).
     */
    public boolean hasLineB()
    {
        return null != groupB;
    }

    public String toString()
    {
        return text;
    }
}
