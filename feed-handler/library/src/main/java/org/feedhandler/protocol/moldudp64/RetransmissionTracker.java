package org.feedhandler.protocol.moldudp64;

/**
 * The recovery side of the sequencer: sends requests for declared missing runs through a
 * {@link RetransmitRequester}, keeps the requests in flight, follows a partial answer at once with
 * pipelined requests for the rest, and counts the attempts for the lowest missing message so the
 * sequencer can give it up after the configured number. Without a requester it is disabled and the
 * sequencer gives every declared run up at once. The missing runs come from the {@link HoldStore}'s
 * runs, and at most 16 requests go out a scan, so a request costs the same whatever the gap's size.
 */
final class RetransmissionTracker
{
    /** Requests in flight at once: a short answer is followed by pipelined requests for the rest. */
    static final int MAX_OUTSTANDING = 16;
    private static final int MAX_RUNS_PER_SCAN = 16;
    private static final long NONE = Long.MIN_VALUE;

    private final RetransmitRequester requester;
    private final HoldStore store;
    private final SequencerCounters counters;
    private final long timeoutNs;
    private final int maxAttempts;

    private long sessionHigh;
    private int sessionLow;
    private long lastRequestNs = NONE;
    private long attemptsFor = NONE;
    private int attempts;
    private boolean answeredSinceFirstAttempt;

    private final long[] outstandingFrom = new long[MAX_OUTSTANDING];
    private final long[] outstandingTo = new long[MAX_OUTSTANDING];
    private int outstanding;
    private long nowNs;
    private final HoldStore.MissingRunHandler requestSender = (from, to) -> request(from, to, nowNs);

    RetransmissionTracker(final SequencerContext ctx, final HoldStore store, final SequencerCounters counters)
    {
        this.requester = ctx.requester();
        this.timeoutNs = ctx.requestTimeoutNs();
        this.maxAttempts = ctx.maxAttempts();
        this.store = store;
        this.counters = counters;
    }

    boolean enabled()
    {
        return null != requester;
    }

    /** The session requests name. */
    void session(final long high, final int low)
    {
        sessionHigh = high;
        sessionLow = low;
    }

    /** Forget every request and attempt (a new session). */
    void reset()
    {
        lastRequestNs = NONE;
        attemptsFor = NONE;
        attempts = 0;
        outstanding = 0;
    }

    /**
     * @return true when requests went out, something declared is still missing and no answer came in time.
     */
    boolean timedOut(final long nextExpected, final long declaredUpTo, final long nowNs)
    {
        return null != requester && lastRequestNs != NONE && declaredUpTo - nextExpected >= 0 &&
            nowNs - lastRequestNs >= timeoutNs;
    }

    /**
     * @return true when {@code nextExpected} has had every attempt it is allowed.
     */
    boolean exhausted(final long nextExpected)
    {
        trackAttemptsFor(nextExpected, 0);
        return attempts >= maxAttempts;
    }

    /**
     * @return true when the server answered anything since the first attempt for the lowest missing message.
     */
    boolean answeredSinceFirstAttempt()
    {
        return answeredSinceFirstAttempt;
    }

    /** Nothing more to ask for: stop the timeout. */
    void idle()
    {
        lastRequestNs = NONE;
    }

    /** Runs were just declared: request them, the first attempt for {@code nextExpected}. */
    void requestDeclared(final long from, final long nextExpected, final long declaredUpTo, final long nowNs)
    {
        requestRuns(from, declaredUpTo, nowNs);
        trackAttemptsFor(nextExpected, 1);
    }

    /** A timed-out attempt: request everything still missing, and count the attempt against the lowest. */
    void requestMissing(final long nextExpected, final long declaredUpTo, final long nowNs)
    {
        outstanding = 0;
        requestRuns(nextExpected, declaredUpTo, nowNs);
        trackAttemptsFor(nextExpected, 0);
        attempts++;
    }

    /** Runs up to {@code nextExpected} were given up or delivered. */
    void onGivenUp(final long nextExpected, final long declaredUpTo)
    {
        attempts = 0;
        attemptsFor = NONE;
        if (nextExpected - declaredUpTo > 0)
        {
            outstanding = 0;
        }
    }

    private void trackAttemptsFor(final long nextExpected, final int initialAttempts)
    {
        if (attemptsFor != nextExpected)
        {
            attemptsFor = nextExpected;
            attempts = initialAttempts;
            answeredSinceFirstAttempt = false;
        }
    }

    /** Request the missing runs from {@code from} up to declaredUpTo (at most 16 requests). */
    private void requestRuns(final long from, final long declaredUpTo, final long nowNs)
    {
        this.nowNs = nowNs;
        store.forEachMissing(from, declaredUpTo + 1, MoldUdp64.MAX_REQUESTED_COUNT, MAX_RUNS_PER_SCAN, requestSender);
    }

    /** Request the missing run starting at {@code from}, as much of it as one request takes. */
    private void requestRun(final long from, final long declaredUpTo, final long nowNs)
    {
        this.nowNs = nowNs;
        store.forEachMissing(from, declaredUpTo + 1, MoldUdp64.MAX_REQUESTED_COUNT, 1, requestSender);
    }

    private void request(final long from, final long toExclusive, final long nowNs)
    {
        requester.request(sessionHigh, sessionLow, from, (int)(toExclusive - from));
        counters.requests++;
        lastRequestNs = nowNs;
        if (outstanding < MAX_OUTSTANDING)
        {
            outstandingFrom[outstanding] = from;
            outstandingTo[outstanding] = toExclusive;
            outstanding++;
        }
    }

    /**
     * A retransmission answered {@code [sequence, sequence + count)}. A request server may answer
     * fewer messages than asked (often one packet's worth): ask for the rest at once, split into
     * requests the size of this answer, several in flight, rather than one round trip per packet.
     */
    void onAnswer(
        final long sequence, final int count, final long nextExpected, final long declaredUpTo, final long nowNs)
    {
        answeredSinceFirstAttempt = true;
        final long answeredTo = sequence + count;
        for (int i = 0; i < outstanding; i++)
        {
            if (outstandingFrom[i] == sequence)
            {
                final long to = outstandingTo[i];
                removeOutstanding(i);
                if (to - answeredTo > 0 && count > 0)
                {
                    long from = answeredTo;
                    while (to - from > 0)
                    {
                        final boolean last = outstanding >= MAX_OUTSTANDING - 1;
                        final long chunkTo = last || to - from <= count ? to : from + count;
                        request(from, chunkTo, nowNs);
                        from = chunkTo;
                    }
                }
                return;
            }
        }
        // an answer to a request no longer tracked (e.g. re-requested after a timeout)
        if (0 == outstanding && answeredTo - nextExpected >= 0 && declaredUpTo - answeredTo >= 0 &&
            !store.isHeld(answeredTo))
        {
            requestRun(answeredTo, declaredUpTo, nowNs);
        }
    }

    private void removeOutstanding(final int i)
    {
        outstanding--;
        outstandingFrom[i] = outstandingFrom[outstanding];
        outstandingTo[i] = outstandingTo[outstanding];
    }
}
