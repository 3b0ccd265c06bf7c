package org.feedhandler.e2e;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.config.JvmFlags;
import org.feedhandler.book.BookComparison;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.cli.Main;
import org.feedhandler.latency.LatencyLog;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.sim.Publisher;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherChannel;
import org.feedhandler.sim.PublisherResult;
import org.feedhandler.status.CountersFileReader;
import org.feedhandler.status.FeedCounters;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler end to end on one transport: the in-process simulator publishes the generated
 * stream at a fixed rate, the handler receives it on its own threads, and the books it built are
 * compared with a replay of the same stream. Subclasses name the transport.
 */
@Tag("integration")
abstract class EndToEndTest
{
    private static final long SEED = 4242;
    private static final int RATE = 30_000;
    private static final long MESSAGES = 140_000;
    /** Then two steady windows: see {@link E2e.ReceiverAllocation}. */
    private static final long WARM_UP = 70_000;
    private static final long STEADY_END = 130_000;

    @TempDir
    Path dir;

    private final MidnightClock clock = new MidnightClock();

    abstract Properties handlerProperties(Path dir);

    abstract PublisherChannel channel();

    /** Points the publisher at the handler (Aeron: the handler's driver). */
    PublisherContext publisherFor(final E2e.Handler handler)
    {
        return E2e.publisher(channel(), clock, SEED);
    }

    @Test
    void shouldDecodeEveryMessageSentAndBuildTheBooksOfAReplayWithoutAllocatingOnTheReceiverThread()
        throws Exception
    {
        final E2e.Handler handler = new E2e.Handler(handlerProperties(dir), clock, "e2e");
        final E2e.ReceiverAllocation allocation;
        final PublisherResult result;
        try
        {
            try (E2e.Sender sender = new E2e.Sender(publisherFor(handler).rate(RATE).messages(MESSAGES)))
            {
                allocation = E2e.ReceiverAllocation.measure(handler, WARM_UP, STEADY_END);
                result = sender.result();
                handler.awaitDelivered(MESSAGES, 20_000);
            }
        }
        finally
        {
            handler.close();
        }

        System.out.println(getClass().getSimpleName() + ": " + allocation);
        final FeedPipeline pipeline = handler.pipeline();
        final MoldUdp64Sequencer sequencer = pipeline.sequencer();
        assertEquals(MESSAGES, result.sent());
        assertFalse(handler.console().contains("ERROR"), handler.console());
        assertEquals(MESSAGES, sequencer.counters().messagesDelivered(), handler.console());
        assertEquals(MESSAGES, pipeline.decoder().messages());
        assertEquals(0, pipeline.decoder().malformed() + pipeline.decoder().unknown());
        assertEquals(0, sequencer.counters().gaps());
        assertEquals(0, sequencer.counters().unrecoveredMessages());
        assertEquals(0, pipeline.books().staleCount());
        assertTrue(pipeline.books().restingOrders() > 1000, "resting " + pipeline.books().restingOrders());
        assertNull(BookComparison.firstDifference(E2e.replay(SEED, MESSAGES), pipeline.books()));
        allocation.assertSteadyStateAllocationFree();
    }

    @Test
    void shouldShowLiveCountersToAReaderInAnotherProcessWhileRunning() throws Exception
    {
        final long messages = 10_000;
        try (E2e.Handler handler = new E2e.Handler(handlerProperties(dir), clock, "stat");
            E2e.Sender sender = new E2e.Sender(publisherFor(handler).rate(RATE).messages(messages)))
        {
            handler.awaitDelivered(messages, 20_000);
            sender.result();
            // the receiver publishes its counters once a millisecond when idle: wait until they show the
            // last message, read as the other process will read them
            try (CountersFileReader reader = CountersFileReader.open(handler.handler.countersFile()))
            {
                final CountersReader counters = reader.countersReader();
                E2e.awaitTrue(() -> messages == counterValue(counters, FeedCounters.MESSAGES_TYPE_ID), 10_000,
                    () -> "messages counter " + counterValue(counters, FeedCounters.MESSAGES_TYPE_ID));
            }

            final Process process = JvmFlags.childJvm(
                Main.class, List.of("stat", "--counters-file", handler.handler.countersFile().toString(), "--json"))
                .start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(ExitCodes.OK, process.exitValue(), err);

            assertTrue(out.contains("\"alive\":true"), out);
            assertTrue(counter(out, "packets") > 0, out);
            assertEquals(messages, counter(out, "messages"), out);
            assertEquals(0, counter(out, "gaps"), out);
        }
    }

    @Test
    void shouldLeaveNoThreadAndNoFileButTheLatencyResultsAfterClose() throws Exception
    {
        final Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        final E2e.Handler handler = new E2e.Handler(handlerProperties(dir), clock, "shutdown");
        final Path countersFile = handler.handler.countersFile();
        final String aeronDir = handler.handler.aeronDirectory();
        final Path results = handler.handler.resultsDirectory();
        try (E2e.Sender sender = new E2e.Sender(publisherFor(handler).rate(RATE).messages(5_000)))
        {
            handler.awaitDelivered(5_000, 20_000);
            sender.result();
            assertTrue(Files.exists(countersFile));
            assertTrue(null == aeronDir || Files.isDirectory(Path.of(aeronDir)));
        }
        finally
        {
            handler.close();
        }

        E2e.awaitTrue(() -> newThreads(before).isEmpty(), 5_000, () -> "threads left: " + newThreads(before));
        assertFalse(Files.exists(countersFile), countersFile + " left behind");
        if (null != aeronDir)
        {
            assertFalse(Files.exists(Path.of(aeronDir)), aeronDir + " left behind");
        }
        try (Stream<Path> all = Files.walk(dir))
        {
            final List<Path> files = all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            assertEquals(List.of(
                results.resolve(LatencyLog.HLOG_FILE_NAME),
                results.resolve("recv-book" + LatencyLog.HGRM_SUFFIX),
                results.resolve("recv-decode" + LatencyLog.HGRM_SUFFIX),
                results.resolve("wire-book" + LatencyLog.HGRM_SUFFIX)), files);
            for (final Path file : files)
            {
                assertTrue(Files.size(file) > 0, file + " is empty");
            }
        }
    }

    private static List<String> newThreads(final Set<Thread> before)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && !before.contains(t))
            .map(Thread::getName)
            .filter(name -> !name.equals("process reaper") && !name.startsWith("junit") &&
                !name.equals("Attach Listener"))
            .sorted()
            .collect(Collectors.toList());
    }

    private static long counterValue(final CountersReader reader, final int typeId)
    {
        final long[] value = {-1};
        reader.forEach((id, type, key, label) ->
        {
            if (type == typeId)
            {
                value[0] = reader.getCounterValue(id);
            }
        });
        return value[0];
    }

    static long counter(final String json, final String label)
    {
        final Matcher m = Pattern.compile("\"label\":\"" + Pattern.quote(label) + "\",\"value\":(\\d+)").matcher(json);
        assertTrue(m.find(), "no counter '" + label + "' in " + json);
        return Long.parseLong(m.group(1));
    }
}
