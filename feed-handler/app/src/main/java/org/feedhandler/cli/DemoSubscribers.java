package org.feedhandler.cli;

import io.aeron.driver.status.StreamCounter;
import io.aeron.driver.status.SubscriberPos;
import org.agrona.concurrent.status.CountersReader;
import org.feedhandler.common.Json;
import org.feedhandler.config.JvmFlags;
import org.feedhandler.handler.FeedHandler;
import org.feedhandler.subscriber.MarketDataSubscriber;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code demo --subscribers N}: N {@code subscribe} processes on the handler's output. The first N-1
 * start before the simulator and take the live stream; the last starts halfway through the run and
 * joins from the archive's recording. With {@code --join-after} the handler loads a snapshot as soon as
 * it starts, before an early subscriber's JVM is up, so the early ones join from the recording too. When the handler has delivered everything, each is stopped (with
 * SIGTERM) once its subscription has reached the publication's position, and its {@code --json}
 * summary is kept for the report.
 */
final class DemoSubscribers implements AutoCloseable
{
    /** Most subscriber processes (the machine has 2 cores). */
    static final int MAX = 8;
    /** Levels per side compared with the replay: deeper than any generated book. */
    static final int DEPTH = 1_000;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long CATCH_UP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    /** One subscriber's summary. */
    record Result(boolean late, Map<String, Object> json)
    {
        boolean booksMatch(final Object replayBooks)
        {
            return null != json && Objects.equals(replayBooks, json.get("books"));
        }

        @SuppressWarnings("unchecked")
        Json.ObjectValue toJson(final boolean booksMatch)
        {
            final Json.ObjectValue o = Json.object().put("booksMatchReplay", booksMatch).put("joinedLate", late);
            if (null == json)
            {
                return o.put("error", "no summary");
            }
            o.put("join", (String)json.get("join"))
                .put("messages", (Long)json.get("messages"))
                .put("outputGaps", (Long)json.get("outputGaps"))
                // events published after the subscriber started, the ones its latency is of (0: none)
                .put("latencyEvents", (Long)json.get("latencyEvents"));
            final Map<String, Object> latency = (Map<String, Object>)json.get("latencyNs");
            final Json.ObjectValue l = Json.object();
            for (final String key : List.of("p50", "p90", "p99", "p999", "max"))
            {
                l.put(key, (Long)latency.get(key));
            }
            return o.put("latencyNs", l);
        }

        @SuppressWarnings("unchecked")
        String describe(final boolean booksMatch)
        {
            if (null == json)
            {
                return (late ? "late" : "early") + ": no summary";
            }
            final Map<String, Object> latency = (Map<String, Object>)json.get("latencyNs");
            return String.format("%s (%s): %,d messages, output gaps %d, books %s the replay; handler->subscriber " +
                "latency p50 %s p99 %s max %s", late ? "late" : "early", json.get("join"), (Long)json.get("messages"),
                (Long)json.get("outputGaps"), booksMatch ? "match" : "DIFFER from",
                RunCommand.micros((Long)latency.get("p50")), RunCommand.micros((Long)latency.get("p99")),
                RunCommand.micros((Long)latency.get("max")));
        }
    }

    private final FeedHandler handler;
    private final int count;
    private final PrintStream err;
    private final boolean earlyFromRecording;
    private final List<Process> processes = new ArrayList<>();
    private final List<CompletableFuture<String>> outputs = new ArrayList<>();
    private final List<Boolean> late = new ArrayList<>();
    private Thread lateStarter;

    DemoSubscribers(
        final FeedHandler handler, final int count, final boolean earlyFromRecording, final PrintStream err)
    {
        this.handler = handler;
        this.earlyFromRecording = earlyFromRecording;
        this.count = count;
        this.err = err;
    }

    /** Start the early subscribers and wait until the driver shows their subscriptions on the output. */
    void startEarly() throws IOException, InterruptedException
    {
        for (int i = 0; i < count - 1; i++)
        {
            start(false);
        }
        final long deadline = System.nanoTime() + CONNECT_TIMEOUT_NS;
        // the archive's recording is one subscription; each early subscriber adds one, live or on a replay
        while (subscriptionsIncludingReplays() < count && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
    }

    /** Start the late subscriber after {@code delaySeconds}, on a thread of its own. */
    void startLateAfter(final double delaySeconds)
    {
        lateStarter = new Thread(() ->
        {
            try
            {
                Thread.sleep((long)(delaySeconds * 1000));
                start(true);
            }
            catch (final InterruptedException ignore)
            {
                // the demo stopped first
            }
            catch (final IOException ex)
            {
                err.println("demo: cannot start the late subscriber: " + ex);
            }
        }, "demo-late-subscriber");
        lateStarter.setDaemon(true);
        lateStarter.start();
    }

    private synchronized void start(final boolean isLate) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("subscribe",
            "--aeron-dir", handler.outputAeronDirectory(),
            "--channel", handler.outputFeed().publication().channel(),
            "--stream", String.valueOf(handler.outputFeed().publication().streamId()),
            "--depth", String.valueOf(DEPTH),
            "--idle", "backoff", "--no-progress", "--json"));
        if (!isLate && !earlyFromRecording)
        {
            command.add("--live-only");
        }
        final Process process = JvmFlags.childJvm(Main.class, command)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(process);
        late.add(isLate);
        final CompletableFuture<String> summary = new CompletableFuture<>();
        final Thread reader = new Thread(() -> summary.complete(readAll(process)), "demo-subscriber-out");
        reader.setDaemon(true);
        reader.start();
        outputs.add(summary);
    }

    /**
     * After the handler has delivered everything: wait for every subscription to reach the publication's
     * position, stop the subscribers and collect their summaries.
     */
    List<Result> finish() throws InterruptedException
    {
        lateStarter.join();
        // a subscriber started late (or on a loaded machine) may not have subscribed yet: the recording's
        // subscription and one a subscriber (live or on a replay), before any position counts
        final long connectDeadline = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (subscriptionsIncludingReplays() < processes.size() + 1 && System.nanoTime() < connectDeadline)
        {
            Thread.sleep(10);
        }
        final long target = handler.outputFeed().publication().position();
        final long deadline = System.nanoTime() + CATCH_UP_TIMEOUT_NS;
        while (minimumPosition() < target && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final List<Result> results = new ArrayList<>();
        synchronized (this)
        {
            for (int i = 0; i < processes.size(); i++)
            {
                // SIGTERM through the handle: Process.destroy() would also close the pipe we read its summary from
                processes.get(i).toHandle().destroy();
            }
            for (int i = 0; i < processes.size(); i++)
            {
                Map<String, Object> json = null;
                try
                {
                    json = Json.parseObject(outputs.get(i).get(30, TimeUnit.SECONDS).strip());
                }
                catch (final Exception ex)
                {
                    err.println("demo: subscriber " + i + " gave no summary: " + ex);
                }
                results.add(new Result(late.get(i), json));
            }
        }
        return results;
    }

    /** The lowest position of the subscriptions on the output and on its replays. */
    private long minimumPosition()
    {
        final long[] min = {Long.MAX_VALUE};
        forEachSubscriptionIncludingReplays(position -> min[0] = Math.min(min[0], position));
        return min[0];
    }

    private int subscriptionsIncludingReplays()
    {
        final int[] found = {0};
        forEachSubscriptionIncludingReplays(position -> found[0]++);
        return found[0];
    }

    private void forEachSubscriptionIncludingReplays(final java.util.function.LongConsumer position)
    {
        final int stream = handler.outputFeed().publication().streamId();
        final CountersReader counters = counters();
        counters.forEach((counterId, typeId, key, label) ->
        {
            final int s = key.getInt(StreamCounter.STREAM_ID_OFFSET);
            if (SubscriberPos.SUBSCRIBER_POSITION_TYPE_ID == typeId &&
                (s == stream || s == MarketDataSubscriber.DEFAULT_REPLAY_STREAM_ID))
            {
                position.accept(counters.getCounterValue(counterId));
            }
        });
    }

    private CountersReader counters()
    {
        return handler.outputFeed().aeron().countersReader();
    }

    private static String readAll(final Process process)
    {
        try
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            process.getInputStream().transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Stop what is still running. */
    public synchronized void close()
    {
        if (null != lateStarter)
        {
            lateStarter.interrupt();
        }
        for (final Process process : processes)
        {
            if (process.isAlive())
            {
                process.destroyForcibly();
            }
        }
    }

    /** Remove the archive's directory. */
    static void delete(final Path dir)
    {
        if (null == dir)
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        }
        catch (final IOException ignore)
        {
            // best effort: it is under the temporary directory
        }
    }
}
