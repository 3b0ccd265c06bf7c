package org.feedhandler.transport;

import org.feedhandler.config.Configuration;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;

/**
 * The socket receive buffer a line asked for and what the kernel granted.
 * <p>
 * Linux caps an {@code SO_RCVBUF} request at {@code net.core.rmem_max} (silently) and then doubles
 * it for its own bookkeeping; the JDK halves what {@code getsockopt} reports, so {@code granted} is
 * directly comparable with {@code wanted}. The buffer is <em>short</em> when granted is less than
 * wanted: the kernel capped the request, and a burst the socket should have absorbed will be dropped
 * by the kernel instead, visible only as a sequence gap.
 *
 * @param line    a {@link Lines} id.
 * @param wanted  bytes asked for; 0 when the kernel default was kept.
 * @param granted bytes the socket reports for {@code SO_RCVBUF} after setting it.
 * @param rmemMax Linux {@code net.core.rmem_max}, -1 when unknown.
 */
public record ReceiveBufferReport(int line, int wanted, int granted, long rmemMax)
{
    /**
     * @return true when the kernel granted less than was asked for.
     */
    public boolean isShort()
    {
        return wanted > 0 && granted < wanted;
    }

    /**
     * @return a line an operator can act on: what to raise, and where.
     */
    public String describe()
    {
        final String name = Lines.name(line);
        final StringBuilder sb = new StringBuilder()
            .append("line ").append(name).append(" SO_RCVBUF wanted ").append(wanted)
            .append(" granted ").append(granted);
        if (isShort())
        {
            sb.append(": SHORT, the kernel capped it");
            if (rmemMax >= 0)
            {
                sb.append(" at net.core.rmem_max=").append(rmemMax)
                    .append("; raise it (sysctl -w net.core.rmem_max=").append(wanted).append(')');
            }
            sb.append(" or lower ").append(Configuration.UDP_RCVBUF_PROP_NAME);
        }
        return sb.toString();
    }
}
