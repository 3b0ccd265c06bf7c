package org.feedhandler.e2e;

import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherChannel;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.Properties;

/**
 * End to end over Aeron IPC through the handler's embedded media driver.
 */
@Timeout(60)
class AeronIpcEndToEndTest extends EndToEndTest
{
    private static final int STREAM_ID = 4101;

    String aeronChannel()
    {
        return "aeron:ipc";
    }

    Properties handlerProperties(final Path dir)
    {
        final Properties props = E2e.handlerProperties(dir);
        props.setProperty("feed.transport", "aeron");
        props.setProperty("feed.aeron.channel", aeronChannel());
        props.setProperty("feed.aeron.stream.id", Integer.toString(STREAM_ID));
        return props;
    }

    PublisherChannel channel()
    {
        return PublisherChannel.parse(aeronChannel());
    }

    PublisherContext publisherFor(final E2e.Handler handler)
    {
        return super.publisherFor(handler).aeronDir(handler.handler.aeronDirectory()).streamId(STREAM_ID);
    }
}
