package org.feedhandler.sim;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.feedhandler.protocol.soupbintcp.SoupBinTcp;
import org.feedhandler.transport.soupbintcp.SoupBinTcpClient;
import org.feedhandler.transport.soupbintcp.SoupBinTcpClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SoupBinTCP client against the simulator's GLIMPSE server over loopback TCP: a snapshot loads
 * into fresh books through the ITCH decoder, and each fault (refused login, a connection dropped
 * mid-snapshot, a silent server) ends as it should, counted.
 */
@Tag("integration")
@Timeout(60)
class GlimpseServerTest
{
    private static final String USER = "feed";
    private static final String PASSWORD = "s3cret";

    private final GlimpseFixture fixture = new GlimpseFixture(11, 100_000);
    private GlimpseServer server;
    private SoupBinTcpClient client;
    private final Events events = new Events();

    @AfterEach
    void after()
    {
        if (null != client)
        {
            client.close();
        }
        if (null != server)
        {
            server.close();
        }
    }

    @Test
    void shouldLoadTheSnapshotInSequenceOrderIntoBooksEqualToTheSource() throws Exception
    {
        server = new GlimpseServer(serverContext());
        client = new SoupBinTcpClient(clientContext(), this::onData, events);

        final long start = System.nanoTime();
        pollUntil(() -> client.isDone());
        final long elapsed = System.nanoTime() - start;
        System.out.printf(
            "GLIMPSE snapshot over loopback: %d messages (%d orders, %d stocks), %d bytes, loaded in %.1f ms%n",
            client.counters().sequencedMessages(), fixture.builder.orders(), fixture.builder.stocks(), client.counters().bytesReceived(),
            elapsed / 1e6);

        assertEquals(SoupBinTcpClient.State.ENDED, client.state(), "the server ended the session");
        fixture.assertLoadedEqualsSource();
        assertEquals(fixture.snapshot.messageCount(), client.counters().sequencedMessages());
        assertEquals(fixture.snapshot.messageCount(), events.lastSequence, "sequence numbers 1..n");
        assertEquals(0, events.outOfOrder, "sequence numbers in order, without gaps");
        assertEquals(1, client.counters().loginsAccepted());
        assertEquals(1, client.counters().connectAttempts());
        assertEquals(0, client.counters().disconnects());
        assertEquals("GLIMPSE", client.session());
        assertEquals(1, server.snapshotsCompleted());
    }

    @Test
    void shouldStopAndNameTheReasonWhenTheServerRefusesTheCredentials() throws Exception
    {
        server = new GlimpseServer(serverContext());
        client = new SoupBinTcpClient(clientContext().password("wrong"), this::onData, events);

        pollUntil(() -> client.isDone());

        assertEquals(SoupBinTcpClient.State.REJECTED, client.state());
        assertEquals(SoupBinTcp.REJECT_NOT_AUTHORIZED, events.rejectCode);
        assertTrue(client.error().contains("'A' not authorized"), client.error());
        assertTrue(client.error().contains("\"" + USER + "\""), "names the username: " + client.error());
        assertEquals(1, client.counters().loginsRejected());
        assertEquals(0, client.counters().loginsAccepted());
        assertEquals(1, client.counters().connectAttempts(), "a refused login is not retried");
        // the server's thread counts the refusal after sending it: the client may read it first
        pollUntilServer(() -> server.loginsRejected() >= 1);
        assertEquals(1, server.loginsRejected());
    }

    @Test
    void shouldNameSessionNotAvailableWhenAnotherSessionIsRequested() throws Exception
    {
        server = new GlimpseServer(serverContext());
        client = new SoupBinTcpClient(clientContext().requestedSession("YESTERDAY"), this::onData, events);

        pollUntil(() -> client.isDone());

        assertEquals(SoupBinTcpClient.State.REJECTED, client.state());
        assertEquals(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE, events.rejectCode);
        assertTrue(client.error().contains("'S' session not available"), client.error());
    }

    @Test
    void shouldReconnectAfterBackoffAndLoadTheWholeSnapshotWhenTheServerDropsMidSnapshot() throws Exception
    {
        server = new GlimpseServer(serverContext().dropAfterMessages(500, 1));
        final long backoffNs = TimeUnit.MILLISECONDS.toNanos(50);
        client = new SoupBinTcpClient(clientContext().initialBackoffNs(backoffNs), this::onData, events);

        pollUntil(() -> client.isDone());

        assertEquals(SoupBinTcpClient.State.ENDED, client.state());
        assertEquals(1, server.drops());
        assertEquals(1, client.counters().disconnects());
        assertEquals(SoupBinTcpClient.REASON_CLOSED_BY_SERVER, client.lastDisconnectReason());
        assertEquals(2, client.counters().connectAttempts());
        assertEquals(2, client.counters().loginsAccepted());
        assertEquals(2, events.logins);
        assertTrue(client.lastConnectAttemptNs() - client.lastDisconnectNs() >= backoffNs,
            "waited the backoff before reconnecting");
        assertEquals(500 + fixture.snapshot.messageCount(), client.counters().sequencedMessages(), "500, then all of them");
        fixture.assertLoadedEqualsSource();
    }

    @Test
    void shouldGiveUpASilentServerAfterTheTimeoutAndCountIt() throws Exception
    {
        server = new GlimpseServer(serverContext().heartbeatIntervalMs(0).endSessionAfterSnapshot(false));
        client = new SoupBinTcpClient(clientContext()
            .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
            .serverTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300))
            .maxConsecutiveFailures(1), this::onData, events);

        pollUntil(() -> client.isDone());

        assertEquals(SoupBinTcpClient.State.FAILED, client.state());
        assertEquals(1, client.counters().timeouts());
        assertEquals(SoupBinTcpClient.REASON_SERVER_TIMEOUT, client.lastDisconnectReason());
        assertTrue(client.error().contains(SoupBinTcpClient.REASON_SERVER_TIMEOUT), client.error());
        assertEquals(fixture.nextSequence, fixture.endOfSnapshot, "the snapshot came before the silence");
        assertTrue(client.counters().heartbeatsSent() >= 2, "client heartbeats while waiting: " + client.counters().heartbeatsSent());
        assertEquals(0, client.counters().heartbeatsReceived());
    }

    @Test
    void shouldKeepASessionAliveOnServerHeartbeatsLongerThanTheTimeout() throws Exception
    {
        server = new GlimpseServer(serverContext().heartbeatIntervalMs(50).endSessionAfterSnapshot(false));
        client = new SoupBinTcpClient(clientContext()
            .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
            .serverTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300)), this::onData, events);

        // twelve heartbeats at 50 ms span twice the 300 ms timeout
        pollUntil(() -> client.counters().heartbeatsReceived() >= 12 || client.isDone());

        assertEquals(SoupBinTcpClient.State.ACTIVE, client.state());
        assertEquals(0, client.counters().timeouts());
        assertEquals(0, client.counters().disconnects());
        client.logout();
        pollUntilServer(() -> server.logouts() == 1);
        assertEquals(SoupBinTcpClient.State.CLOSED, client.state());
    }

    private GlimpseServer.Context serverContext()
    {
        return new GlimpseServer.Context().username(USER).password(PASSWORD).session("GLIMPSE")
            .snapshotSource(() -> fixture.snapshot);
    }

    private SoupBinTcpClientContext clientContext()
    {
        return new SoupBinTcpClientContext().host("127.0.0.1").port(server.port())
            .username(USER).password(PASSWORD).requestedSequenceNumber(1).resumeOnReconnect(false);
    }

    private void onData(final org.agrona.DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        if (sequence != events.lastSequence + 1)
        {
            events.outOfOrder++;
        }
        events.lastSequence = sequence;
        fixture.glimpseDecoder.onMessage(buffer, offset, length, sequence);
    }

    private void pollUntil(final BooleanSupplier done)
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        while (!done.getAsBoolean())
        {
            idle.idle(client.poll(System.nanoTime()));
        }
    }

    private void pollUntilServer(final BooleanSupplier done)
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        while (!done.getAsBoolean())
        {
            idle.idle();
        }
    }

    private final class Events implements SoupBinTcpClient.SessionListener
    {
        long lastSequence;
        long outOfOrder;
        int logins;
        byte rejectCode;

        public void onLoginAccepted(final long nextSequenceNumber)
        {
            logins++;
            lastSequence = nextSequenceNumber - 1;
            fixture.resetLoaded(); // every GLIMPSE login is a whole new snapshot
        }

        public void onLoginRejected(final byte reasonCode, final String message)
        {
            rejectCode = reasonCode;
        }
    }
}
