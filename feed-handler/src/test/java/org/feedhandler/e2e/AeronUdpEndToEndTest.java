package org.feedhandler.e2e;

import org.junit.jupiter.api.Timeout;

/**
 * End to end over Aeron UDP unicast on loopback, through the handler's embedded media driver.
 */
@Timeout(60)
class AeronUdpEndToEndTest extends AeronIpcEndToEndTest
{
    String aeronChannel()
    {
        return "aeron:udp?endpoint=localhost:41201";
    }
}
