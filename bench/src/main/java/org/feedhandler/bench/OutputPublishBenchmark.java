package org.feedhandler.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the normalized output costs the receiver thread, per ITCH message, term by term: the live path with
 * {@code output} {@code off}, {@code listener}, {@code writer} and {@code aeron} ({@link OutputPass} says what
 * each adds), each in its own fork so that every call site sees one listener class. The {@code events} and
 * {@code droppedEvents} counters (per iteration) and a line at teardown say how many events the
 * {@code aeron} side dropped under back-pressure, which flatters it. {@link #decodeBuildAndPublishUnchecked}
 * is the same with {@code -Dagrona.disable.bounds.checks=true}: what Agrona's per-field bounds checks cost.
 * On a loaded host, forks disagree by more than these terms: {@link OutputPasses} runs the sides in turn in
 * one JVM. One op = one ITCH message. Run: {@code scripts/feed-handler bench OutputPublishBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class OutputPublishBenchmark
{
    @Param({"off", "listener", "writer", "aeron"})
    String output;

    private OutputPass pass;

    /** Published and dropped events of one iteration ({@code output=aeron} only). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Events
    {
        public long events;
        public long droppedEvents;

        @Setup(Level.Iteration)
        public void clear()
        {
            events = 0;
            droppedEvents = 0;
        }
    }

    @Setup
    public void setup()
    {
        pass = new OutputPass(output, DecodeBenchmark.MESSAGES, false);
    }

    @Setup(Level.Invocation)
    public void emptyBooks()
    {
        pass.prepare();
    }

    @Benchmark
    @OperationsPerInvocation(DecodeBenchmark.MESSAGES)
    public long decodeBuildAndPublish(final Events counters)
    {
        return replay(counters);
    }

    @Benchmark
    @OperationsPerInvocation(DecodeBenchmark.MESSAGES)
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dagrona.disable.bounds.checks=true"})
    public long decodeBuildAndPublishUnchecked(final Events counters)
    {
        return replay(counters);
    }

    private long replay(final Events counters)
    {
        final long events = pass.events();
        final long dropped = pass.droppedEvents();
        final long resting = pass.replay();
        counters.events += pass.events() - events;
        counters.droppedEvents += pass.droppedEvents() - dropped;
        return resting;
    }

    @TearDown
    public void tearDown() throws InterruptedException
    {
        System.out.printf("%n%s%n", pass);
        pass.close();
    }
}
