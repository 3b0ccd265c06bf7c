package org.feedhandler.e2e;

import io.aeron.Aeron;
import io.aeron.status.ChannelEndpointStatus;
import io.aeron.status.LocalSocketAddressStatus;
import org.agrona.concurrent.status.CountersReader;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherChannel;
import org.junit.jupiter.api.Timeout;

/**
 * End to end over Aeron UDP unicast on loopback, through the handler's embedded media driver. The
 * handler's subscription binds an ephemeral port; the publisher sends to the one its driver reports.
 */
@Timeout(60)
class AeronUdpEndToEndTest extends AeronIpcEndToEndTest
{
    String aeronChannel()
    {
        return "aeron:udp?endpoint=localhost:0";
    }

    PublisherContext publisherFor(final E2e.Handler handler)
    {
        return super.publisherFor(handler)
            .channel(PublisherChannel.parse("aeron:udp?endpoint=" + boundEndpoint(handler.handler.aeronDirectory())));
    }

    /**
     * @return host:port the driver's one receive channel endpoint is bound to, from its counters.
     */
    private static String boundEndpoint(final String aeronDirectory)
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory)))
        {
            final CountersReader counters = aeron.countersReader();
            final String[] endpoint = new String[1];
            E2e.awaitTrue(() ->
            {
                counters.forEach((id, typeId, key, label) ->
                {
                    if (LocalSocketAddressStatus.LOCAL_SOCKET_ADDRESS_STATUS_TYPE_ID == typeId &&
                        label.startsWith("rcv-local-sockaddr") &&
                        ChannelEndpointStatus.ACTIVE == counters.getCounterValue(id))
                    {
                        endpoint[0] = key.getStringAscii(4); // after the channel status id: the bound address
                    }
                });
                return null != endpoint[0];
            }, 10_000, () -> "no bound receive endpoint in " + aeronDirectory);
            return endpoint[0];
        }
    }
}
