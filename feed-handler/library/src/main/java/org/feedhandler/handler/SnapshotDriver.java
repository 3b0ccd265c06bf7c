package org.feedhandler.handler;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.NanoClock;
import org.feedhandler.config.Configuration;
import org.feedhandler.pipeline.SnapshotRecovery;
import org.feedhandler.transport.soupbintcp.Backoff;
import org.feedhandler.transport.soupbintcp.SoupBinTcpClient;

/**
 * Runs GLIMPSE snapshot recovery on the receiver thread (docs/decisions/0032): when the pipeline's
 * {@link SnapshotRecovery} wants a snapshot, it starts loading and (re)starts the {@link SoupBinTcpClient},
 * whose Sequenced Data go straight to the recovery; {@link #doWork} polls the client once per duty cycle,
 * which reads what the socket holds (bounded by the client's receive buffer) and applies it to the books.
 * <ul>
 *     <li>each login starts the books over; End of Snapshot resumes the live feed (in the recovery), and
 *     the session is logged out;</li>
 *     <li>a failure is counted with its reason and retried: connection refused, lost or timed out, a
 *     silent server (by the client, with its backoff); no End of Snapshot within the snapshot timeout of
 *     the login, or a full buffer of live packets (the connection is dropped, the client reconnects
 *     after its backoff); End of Session before End of Snapshot, or an End of Snapshot not believed
 *     (sequence 0, or beyond {@code feed.gap.max.messages} past the live feed): a new session after a backoff;</li>
 *     <li>a rejected login is counted, its reason kept for the reporter, and snapshot recovery stops: the
 *     buffered packets go to the sequencer as they are, the books stay flagged stale.</li>
 * </ul>
 * Allocation-free but for what the client allocates per connection attempt, and the rejection message.
 */
final class SnapshotDriver implements SoupBinTcpClient.SessionListener, AutoCloseable
{
    /**
     * The causes of failures this class gives. They live in a class of their own, and are not compile-time
     * constants (String.join), so that they stay out of the driver's constant pool: HotSpot resolves a
     * class's string constants on the thread whose call makes its first C2 compile request (see
     * E2e.ReceiverAllocation), here the receiver thread, and this holder has no method to compile.
     */
    static final class Reasons
    {
        static final String TIMEOUT = String.join("", "no End of Snapshot within ",
            Configuration.SNAPSHOT_TIMEOUT_MS_PROP_NAME, " of the login");
        static final String OVERFLOW = String.join("", "the buffer of live packets filled while the snapshot",
            " loaded (raise ", Configuration.SNAPSHOT_BUFFER_PACKETS_PROP_NAME, " or ",
            Configuration.SNAPSHOT_BUFFER_BYTES_PROP_NAME, ")");
        static final String ENDED = String.join("", "the server ended the session before its End of Snapshot");
        static final String IMPLAUSIBLE = String.join("", "an End of Snapshot with sequence 0, or further beyond",
            " the live feed than ", Configuration.GAP_MAX_MESSAGES_PROP_NAME, ": not applied");

        private Reasons()
        {
        }
    }

    private static final long RETRY_INITIAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RETRY_MAX_NS = TimeUnit.SECONDS.toNanos(10);

    private final SnapshotRecovery recovery;
    private final SoupBinTcpClient client;
    private final NanoClock clock;
    private final long timeoutNs;
    private final Backoff retryBackoff = new Backoff(RETRY_INITIAL_NS, RETRY_MAX_NS);

    private long nowNs;
    private long deadlineNs;
    private boolean deadlineArmed;
    private boolean dropping;
    private long busyNs;
    private long longestBusyNs;
    private long busyPolls;
    private volatile String lastFailure;
    private volatile String rejection;

    /**
     * @param settings the validated snapshot keys, {@link SnapshotSettings#enabled()}.
     * @param recovery the pipeline's snapshot recovery.
     * @param clock    the receiver's clock, to measure the thread's time on snapshots.
     */
    SnapshotDriver(final SnapshotSettings settings, final SnapshotRecovery recovery, final NanoClock clock)
    {
        this.recovery = recovery;
        this.clock = clock;
        this.timeoutNs = settings.timeoutNs();
        this.client = new SoupBinTcpClient(settings.clientContext(), recovery, this);
    }

    /**
     * One step: start a snapshot that is wanted, poll the session, act on failures.
     *
     * @param nowNs the duty cycle's clock.
     * @return work done.
     */
    int doWork(final long nowNs)
    {
        final SnapshotRecovery recovery = this.recovery;
        if (!recovery.isLoading())
        {
            if (!recovery.isWanted())
            {
                return 0;
            }
            recovery.begin(nowNs);
            client.restart(nowNs);
            retryBackoff.reset();
            deadlineArmed = false;
        }
        this.nowNs = nowNs;
        recovery.clock(nowNs);
        int work = client.poll(nowNs);
        if (recovery.takeCompleted())
        {
            client.logout();
            work++;
        }
        else if (recovery.isLoading())
        {
            work += checkFailures(nowNs);
        }
        if (work > 0)
        {
            final long busy = clock.nanoTime() - nowNs;
            busyNs += busy;
            busyPolls++;
            if (busy > longestBusyNs)
            {
                longestBusyNs = busy;
            }
        }
        return work;
    }

    private int checkFailures(final long nowNs)
    {
        if (recovery.takeImplausible())
        {
            retry(Reasons.IMPLAUSIBLE, nowNs);
            return 1;
        }
        switch (client.state())
        {
            case REJECTED:
                rejection = client.error();
                fail(rejection);
                recovery.abandon();
                return 1;
            case ENDED:
            case FAILED:
            case CLOSED:
                retry(Reasons.ENDED, nowNs);
                return 1;
            default:
                break;
        }
        if (recovery.takeOverflow())
        {
            retry(Reasons.OVERFLOW, nowNs);
            return 1;
        }
        if (deadlineArmed && nowNs - deadlineNs >= 0)
        {
            retry(Reasons.TIMEOUT, nowNs);
            return 1;
        }
        return 0;
    }

    /**
     * Count a failure of ours and start over: a connection is given up (the client reconnects after its
     * own backoff); a session that has ended is started again after this driver's backoff.
     */
    private void retry(final String reason, final long nowNs)
    {
        fail(reason);
        deadlineArmed = false;
        dropping = true;
        final boolean dropped;
        try
        {
            dropped = client.drop(reason);
        }
        finally
        {
            dropping = false;
        }
        if (!dropped)
        {
            retryBackoff.onFailure();
            client.restart(nowNs + retryBackoff.delayNs());
        }
    }

    private void fail(final String reason)
    {
        recovery.failed();
        lastFailure = reason;
    }

    public void onLoginAccepted(final long nextSequenceNumber)
    {
        if (recovery.isLoading())
        {
            recovery.newSnapshot();
            deadlineNs = nowNs + timeoutNs;
            deadlineArmed = true;
        }
    }

    public void onDisconnected(final String reason)
    {
        if (recovery.isLoading() && !dropping)
        {
            fail(reason);
            deadlineArmed = false;
        }
    }

    /**
     * @return nanoseconds the receiver thread spent in the calls of {@link #doWork} that did work on a
     * snapshot (read, decoded, applied, resumed); the polls that found nothing are the idle loop's.
     */
    long busyNs()
    {
        return busyNs;
    }

    /**
     * @return the calls of {@link #doWork} that did work on a snapshot.
     */
    long busyPolls()
    {
        return busyPolls;
    }

    /**
     * @return the longest such call, nanoseconds: how long the receiver left its multicast sockets
     * undrained at worst for a snapshot.
     */
    long longestBusyNs()
    {
        return longestBusyNs;
    }

    /**
     * @return the cause of the last failure, or null; safe from any thread.
     */
    String lastFailure()
    {
        return lastFailure;
    }

    /**
     * @return the server's refusal of the login, naming the reason, or null; safe from any thread.
     */
    String rejection()
    {
        return rejection;
    }

    SnapshotRecovery recovery()
    {
        return recovery;
    }

    SoupBinTcpClient client()
    {
        return client;
    }

    public void close()
    {
        client.close();
    }
}
