package org.feedhandler.status;

import org.feedhandler.config.JvmFlags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class CountersFileTest
{
    @TempDir
    Path tempDir;

    private final CachedEpochClock clock = new CachedEpochClock();

    record Row(int typeId, String label, long value)
    {
    }

    private static List<Row> rows(final CountersReader reader)
    {
        final List<Row> rows = new ArrayList<>();
        reader.forEach((id, typeId, key, label) -> rows.add(new Row(typeId, label, reader.getCounterValue(id))));
        return rows;
    }

    @Test
    void shouldGiveEveryKindOfCounterItsOwnTypeId() throws IllegalAccessException
    {
        final java.util.Map<Integer, String> owners = new java.util.HashMap<>();
        for (final java.lang.reflect.Field field : FeedCounters.class.getFields())
        {
            if (field.getName().endsWith("_TYPE_ID"))
            {
                final String previous = owners.put(field.getInt(null), field.getName());
                assertEquals(null, previous, field.getName() + " reuses the type id of " + previous);
            }
        }
    }

    @Test
    void shouldWriteHeaderAndCountersAndDeleteFileAtClose() throws IOException
    {
        clock.update(1_000_000);
        final Path file = tempDir.resolve("sub/dir/counters.dat");
        try (CountersFile countersFile = CountersFile.create(file, 64, clock))
        {
            final FeedCounters counters = new FeedCounters(countersFile.countersManager(), 2);
            counters.packets().setRelease(10);
            counters.messages().setRelease(20);
            counters.line(1).duplicates().setRelease(3);
            final AtomicCounter extra = counters.newCounter("snapshot bytes");
            extra.setRelease(99);
            clock.update(1_000_700);
            countersFile.heartbeat();

            try (CountersFileReader reader = CountersFileReader.open(file))
            {
                assertEquals(CountersFile.VERSION, reader.version());
                assertEquals(ProcessHandle.current().pid(), reader.pid());
                assertEquals(1_000_000, reader.startTimeMs());
                assertEquals(1_000_700, reader.heartbeatMs());
                assertEquals(300, reader.heartbeatAgeMs(1_001_000));
                assertTrue(reader.isWriterAlive(1_001_000, 1_000));
                assertFalse(reader.isWriterAlive(1_003_000, 1_000));

                final List<Row> rows = rows(reader.countersReader());
                assertEquals(15 + 6 + 9 + 2 * 4 + 8 + 1, rows.size()); // standard, sequencer, snapshot, two lines, book rejects, the extra
                assertEquals(new Row(FeedCounters.PACKETS_TYPE_ID, "packets", 10), rows.get(0));
                assertEquals(new Row(FeedCounters.MESSAGES_TYPE_ID, "messages", 20), rows.get(1));
                assertTrue(rows.contains(new Row(FeedCounters.KERNEL_DROPS_TYPE_ID, "kernel rcvbuf drops", 0)));
                assertTrue(rows.contains(new Row(FeedCounters.LINE_PACKETS_TYPE_ID, "line A packets", 0)));
                assertTrue(rows.contains(new Row(FeedCounters.LINE_DUPLICATES_TYPE_ID, "line B duplicates", 3)));
                assertEquals(new Row(FeedCounters.EXTRA_TYPE_ID, "snapshot bytes", 99), rows.get(rows.size() - 1));

                counters.packets().setRelease(11);
                assertEquals(11, reader.countersReader().getCounterValue(counters.packets().id()), "live view");
            }
        }
        assertFalse(Files.exists(file), "clean shutdown leaves no file");
        assertFalse(Files.exists(tempDir.resolve("sub")), "nor the directories it created");
    }

    @Test
    void shouldRefuseFileOfLiveWriterAndReplaceStaleOne() throws IOException
    {
        clock.update(5_000_000);
        final Path file = tempDir.resolve("counters.dat");
        final CountersFile first = CountersFile.create(file, 64, clock);
        new FeedCounters(first.countersManager(), 1).packets().setRelease(7);

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> CountersFile.create(file, 64, clock));
        assertTrue(ex.getMessage().contains("live writer, pid " + ProcessHandle.current().pid()), ex.getMessage());

        clock.advance(CountersFile.DEFAULT_LIVENESS_TIMEOUT_MS + 1); // first writer stopped beating: dead
        try (CountersFile second = CountersFile.create(file, 64, clock))
        {
            try (CountersFileReader reader = CountersFileReader.open(file))
            {
                assertEquals(clock.time(), reader.startTimeMs());
                assertTrue(rows(reader.countersReader()).isEmpty());
            }
            assertEquals(second.file(), file);

            first.close();
            assertTrue(Files.exists(file), "the replaced writer must not delete its successor's file");
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void shouldReplaceForeignFileAndRejectItOnRead() throws IOException
    {
        final Path file = tempDir.resolve("counters.dat");
        Files.write(file, new byte[300]);
        final CountersFileReader.NotACountersFileException notCounters = assertThrows(
            CountersFileReader.NotACountersFileException.class, () -> CountersFileReader.open(file));
        assertTrue(notCounters.getMessage().contains("counters file is empty"), notCounters.getMessage());
        final byte[] foreign = new byte[300];
        foreign[0] = 'x';
        Files.write(file, foreign);
        final CountersFileReader.NotACountersFileException wrongMagic = assertThrows(
            CountersFileReader.NotACountersFileException.class, () -> CountersFileReader.open(file));
        assertTrue(wrongMagic.getMessage().contains("not a counters file (magic 0x00000078)"), wrongMagic.getMessage());

        Files.write(file, new byte[10]);
        assertThrows(CountersFileReader.NotACountersFileException.class, () -> CountersFileReader.open(file));
        assertThrows(NoSuchFileException.class, () -> CountersFileReader.open(tempDir.resolve("none")));

        clock.update(1);
        try (CountersFile replacement = CountersFile.create(file, 64, clock))
        {
            try (CountersFileReader reader = CountersFileReader.open(replacement.file()))
            {
                assertEquals(CountersFile.VERSION, reader.version());
            }
        }
    }

    @Test
    @Tag("integration")
    void shouldKeepCrashedWritersFileForPostMortemThenReplaceIt() throws Exception
    {
        final Path file = tempDir.resolve("crash/counters.dat");
        final Process child = JvmFlags.childJvm(CountersWriterMain.class, List.of(file.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        final BufferedReader childOut =
            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("ready", childOut.readLine());
        final long childPid = child.pid();

        try (Writer childIn = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.US_ASCII))
        {
            childIn.write("crash\n");
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, child.exitValue());
        assertTrue(Files.exists(file), "a crash leaves the file for post-mortem");

        try (CountersFileReader reader = CountersFileReader.open(file))
        {
            assertEquals(childPid, reader.pid());
            assertFalse(reader.isWriterAlive(System.currentTimeMillis(), CountersFile.DEFAULT_LIVENESS_TIMEOUT_MS),
                "heartbeat is fresh but the process is gone");
            assertEquals(new Row(FeedCounters.PACKETS_TYPE_ID, "packets", 42), rows(reader.countersReader()).get(0));
        }

        try (CountersFile replacement = CountersFile.create(file, 64, SystemEpochClock.INSTANCE))
        {
            try (CountersFileReader reader = CountersFileReader.open(file))
            {
                assertEquals(ProcessHandle.current().pid(), reader.pid());
            }
            assertEquals(file, replacement.file());
        }
        assertFalse(Files.exists(file));
    }

    @Test
    @Tag("integration")
    void shouldDeleteFileWhenChildWriterClosesCleanly() throws Exception
    {
        final Path file = tempDir.resolve("clean/counters.dat");
        final Process child = JvmFlags.childJvm(CountersWriterMain.class, List.of(file.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        final BufferedReader childOut =
            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("ready", childOut.readLine());
        try (CountersFileReader reader = CountersFileReader.open(file))
        {
            assertTrue(reader.isWriterAlive(System.currentTimeMillis(), CountersFile.DEFAULT_LIVENESS_TIMEOUT_MS));
        }
        try (Writer childIn = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.US_ASCII))
        {
            childIn.write("close\n");
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue());
        assertFalse(Files.exists(file));
    }

    @Test
    void shouldFindJvmFlagsFilteredFromParentPom() throws IOException
    {
        final List<String> flags = JvmFlags.project();
        assertTrue(flags.contains("java.base/jdk.internal.misc=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.contains("--add-exports"), flags.toString());
        assertFalse(String.join(" ", flags).contains("${"), "resource was filtered: " + flags);
    }
}
