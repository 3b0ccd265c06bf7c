package org.feedhandler.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each fuzz input on a worker thread with a deadline, so an input that makes the code under test loop
 * fails its target (and is saved by Jazzer) instead of hanging the build. The deadline is generous: every
 * input is small and the work per byte is bounded, so a healthy input takes microseconds; only unbounded
 * work reaches it, even on a loaded two-core CI machine.
 */
final class Bounded
{
    /** Per input. */
    static final long DEADLINE_SECONDS = 5;

    private ExecutorService worker = newWorker();

    private Path scratch;

    /**
     * Write an input to the file the reader targets read, one per target, created on first use in /dev/shm
     * when there is one (a write and a map per input on a disk cost most of each run) and deleted at exit.
     *
     * @param input the bytes.
     * @return the file holding exactly them.
     * @throws IOException when it cannot be written.
     */
    Path write(final byte[] input) throws IOException
    {
        if (null == scratch)
        {
            final Path shm = Path.of("/dev/shm");
            scratch = Files.isDirectory(shm) && Files.isWritable(shm) ?
                Files.createTempFile(shm, "fuzz-input", ".dat") : Files.createTempFile("fuzz-input", ".dat");
            scratch.toFile().deleteOnExit();
        }
        return Files.write(scratch, input);
    }

    private static ExecutorService newWorker()
    {
        return Executors.newSingleThreadExecutor(r ->
        {
            final Thread thread = new Thread(r, "fuzz-input");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param what  names the target for the failure message.
     * @param input the work for one input.
     * @throws AssertionError when it takes longer than the deadline, or fails.
     */
    void run(final String what, final Callable<?> input)
    {
        final Future<?> future = worker.submit(input);
        try
        {
            future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            future.cancel(true);
            // the stuck thread cannot be stopped: leave it (a daemon) and carry on with a fresh one
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError(what + ": one input took more than " + DEADLINE_SECONDS +
                " s: the work per input is not bounded");
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof Error)
            {
                throw (Error)cause;
            }
            throw new AssertionError(what + ": an exception escaped: " + cause, cause);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted", ex);
        }
    }
}
