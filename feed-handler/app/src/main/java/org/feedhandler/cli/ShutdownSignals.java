package org.feedhandler.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * SIGINT, SIGTERM and SIGHUP as a request to stop: the JVM's own handlers start its shutdown, which
 * makes the exit status 128 + the signal whatever the program does next (130, 143, 129: a failure to
 * systemd). These handlers only record the signal, so the command shuts down on its own thread, writes
 * its summaries, and exits with its own status. A second signal while it does so halts at once with
 * 128 + the signal, for a shutdown that hangs. Closing puts the previous handlers back.
 */
final class ShutdownSignals implements AutoCloseable
{
    /** The signals that ask to stop. */
    static final String[] NAMES = {"INT", "TERM", "HUP"};

    private final CountDownLatch received = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Signal first;

    private ShutdownSignals()
    {
    }

    /**
     * @return handlers installed for every signal of {@link #NAMES} this JVM may handle (a signal ignored
     * when the JVM started, as under {@code nohup}, stays ignored).
     */
    static ShutdownSignals install()
    {
        final ShutdownSignals signals = new ShutdownSignals();
        for (final String name : NAMES)
        {
            final Signal signal = new Signal(name);
            try
            {
                signals.previous.put(signal, Signal.handle(signal, signals::onSignal));
            }
            catch (final IllegalArgumentException ignore)
            {
                // the JVM does not let this signal be handled (ignored at start, or -Xrs): leave it be
            }
        }
        return signals;
    }

    private void onSignal(final Signal signal)
    {
        if (null != first)
        {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        first = signal;
        received.countDown();
    }

    /**
     * Wait for a signal.
     *
     * @throws InterruptedException when the waiting thread is interrupted.
     */
    void await() throws InterruptedException
    {
        received.await();
    }

    /**
     * Wait for a signal, at most {@code millis}.
     *
     * @return true when a signal arrived.
     * @throws InterruptedException when the waiting thread is interrupted.
     */
    boolean await(final long millis) throws InterruptedException
    {
        return received.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * @return true once a signal has arrived.
     */
    boolean received()
    {
        return null != first;
    }

    /**
     * @return the first signal's name with its SIG prefix (e.g. SIGTERM), or null when none has arrived.
     */
    String name()
    {
        final Signal signal = first;
        return null == signal ? null : "SIG" + signal.getName();
    }

    /**
     * @return 128 + the first signal's number (the shell's convention), or 0 when none has arrived.
     */
    int shellStatus()
    {
        final Signal signal = first;
        return null == signal ? 0 : 128 + signal.getNumber();
    }

    public void close()
    {
        for (final Map.Entry<Signal, SignalHandler> e : previous.entrySet())
        {
            Signal.handle(e.getKey(), e.getValue());
        }
        previous.clear();
    }
}
