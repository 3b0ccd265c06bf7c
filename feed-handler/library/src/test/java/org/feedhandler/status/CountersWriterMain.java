package org.feedhandler.status;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.agrona.concurrent.SystemEpochClock;

/**
 * A writer in a child process: creates the counters file named by {@code args[0]}, sets packets to 42,
 * prints {@code ready}, then on a line from stdin either {@code close}s cleanly or {@code crash}es
 * (halts without closing, as a killed handler would).
 */
public final class CountersWriterMain
{
    private CountersWriterMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final CountersFile file = CountersFile.create(Path.of(args[0]), 64, SystemEpochClock.INSTANCE);
        final FeedCounters counters = new FeedCounters(file.countersManager(), 1);
        counters.packets().setRelease(42);
        System.out.println("ready");
        System.out.flush();

        final String command = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        if ("crash".equals(command))
        {
            Runtime.getRuntime().halt(3);
        }
        file.close();
    }
}
