package org.feedhandler.sim;

import org.feedhandler.common.Json;

import java.util.Locale;

/**
 * What a {@link Publisher} run did.
 *
 * @param sent                  messages sent (each once, whatever the fault injection did to packets).
 * @param packets               data packets built (not counting duplicates, heartbeats or answers).
 * @param dropped               packet sends suppressed by {@code --loss} (per line with {@code --ab}).
 * @param duplicated            packets sent twice.
 * @param reordered             packets held back and sent after the next one.
 * @param heartbeats            heartbeat packets sent (per line).
 * @param retransmitRequests    requests the retransmission server received.
 * @param retransmittedMessages messages the retransmission server sent back.
 * @param seconds               from the first intended send time to the last send.
 * @param rate                  messages per second achieved.
 * @param maxLagNanos           the most a packet went out after its first message's intended time.
 */
public record PublisherResult(
    long sent,
    long packets,
    long dropped,
    long duplicated,
    long reordered,
    long heartbeats,
    long retransmitRequests,
    long retransmittedMessages,
    double seconds,
    double rate,
    long maxLagNanos)
{
    /**
     * @return one JSON object on one line.
     */
    public String toJson()
    {
        return toJsonObject().toString();
    }

    /**
     * @return the JSON object, for a caller to add to.
     */
    public Json.ObjectValue toJsonObject()
    {
        return Json.object()
            .put("sent", sent)
            .put("packets", packets)
            .put("dropped", dropped)
            .put("duplicated", duplicated)
            .put("reordered", reordered)
            .put("heartbeats", heartbeats)
            .put("retransmitRequests", retransmitRequests)
            .put("retransmittedMessages", retransmittedMessages)
            .put("seconds", Json.of(seconds, 3))
            .put("rate", Json.of(rate, 1))
            .put("maxLagMicros", Json.of(maxLagNanos / 1000.0, 1));
    }

    /**
     * @return one line for people.
     */
    public String toSummary()
    {
        return String.format(Locale.ROOT,
            "publish: sent %,d messages in %,d packets over %.3f s (%,.0f msg/s), max lag %.1f us; " +
            "dropped %d, duplicated %d, reordered %d, heartbeats %d; retransmission: %d requests, %d messages",
            sent, packets, seconds, rate, maxLagNanos / 1000.0, dropped, duplicated, reordered, heartbeats,
            retransmitRequests, retransmittedMessages);
    }
}
