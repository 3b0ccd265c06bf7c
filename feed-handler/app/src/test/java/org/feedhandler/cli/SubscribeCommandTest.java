package org.feedhandler.cli;

import io.aeron.ExclusivePublication;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.feedhandler.common.Json;
import org.feedhandler.normalized.OutputPublisher;
import org.feedhandler.transport.AeronTransport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code subscribe --json} on a real embedded driver: a publisher on another thread sends two orders
 * on one stock until the verb has seen them; the verb reports them and prints the book in
 * {@code replay}'s format.
 */
@Tag("integration")
@Timeout(60)
class SubscribeCommandTest
{
    @Test
    void shouldPrintMessagesGapsLatencyAndTheBooksAsJson() throws Exception
    {
        try (AeronTransport transport = AeronTransport.launchEmbedded();
            ExclusivePublication publication = transport.aeron().addExclusivePublication("aeron:ipc", 2001);
            OutputPublisher publisher = new OutputPublisher(
                publication, new OffsetEpochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH, null, false))
        {
            final CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(
                "subscribe", "--aeron-dir", transport.aeronDirectoryName(), "--seconds", "5", "--live-only",
                "--json", "--no-progress"));
            // connected is not enough: until the driver's conductor raises the publication limit for the
            // new subscriber, a claim is refused as back-pressure (and the publisher drops the event)
            while (!publication.isConnected() || publication.availableWindow() <= 0)
            {
                Thread.onSpinWait();
            }
            publisher.onInstrument(7, symbol("ZVZZT"), (byte)'Q', (byte)'N', 100, (byte)'C', (byte)'1', 1);
            publisher.onEndOfEvent();
            publisher.onOrderAdded(7, 1, (byte)'B', 100_000, 300, 0, 2);
            publisher.onOrderAdded(7, 2, (byte)'S', 101_000, 200, 0, 2);
            publisher.onEndOfEvent();
            assertEquals(0, exit.get());
            assertEquals(0, publisher.droppedMessages());
        }
        final Map<String, Object> json = Json.parseObject(out.toString().strip());
        assertEquals(3L, json.get("messages"));
        assertEquals(0L, json.get("outputGaps"));
        assertEquals(false, json.get("joinedLate"));
        assertEquals(List.of(Map.of("locate", 7L, "symbol", "ZVZZT",
            "bids", List.of(List.of(100_000L, 300L, 1L)), "asks", List.of(List.of(101_000L, 200L, 1L)))),
            json.get("books"));
    }

    private final StringWriter out = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }

    private static long symbol(final String text)
    {
        long symbol = 0;
        for (int i = 0; i < 8; i++)
        {
            symbol = (symbol << 8) | (i < text.length() ? text.charAt(i) : ' ');
        }
        return symbol;
    }
}
