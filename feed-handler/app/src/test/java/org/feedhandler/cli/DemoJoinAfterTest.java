package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.feedhandler.cli.ReplayCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code demo --join-after}: the handler starts after the simulator, with a request-server history too
 * short for what it missed, and still ends with books equal to a replay of the whole stream, through
 * the simulator's GLIMPSE snapshot.
 */
@Timeout(180)
class DemoJoinAfterTest
{
    @Test
    @Tag("integration")
    void shouldJoinLateThroughASnapshotAndEndWithBooksEqualToTheReplay() throws Exception
    {
        try (ChildJvm demo = ChildJvm.start(List.of(),
            "demo", "--seconds", "5", "--join-after", "2", "--rate", "20000", "--stocks", "50", "--json", "--quiet"))
        {
            assertEquals(ExitCodes.OK, demo.exitStatus(), demo.out() + demo.err());
            final Map<String, Object> result = Json.parseObject(demo.out().strip());
            assertEquals(true, result.get("booksMatchReplay"), demo.out());
            assertEquals(0L, result.get("unrecovered"), demo.out());
            @SuppressWarnings("unchecked")
            final Map<String, Object> snapshot = (Map<String, Object>)result.get("snapshot");
            final long sequence = (Long)snapshot.get("sequence");
            final long sent = (Long)result.get("sent");
            // the simulator had sent a while; its history kept less than the handler missed
            assertTrue(sequence > 1, demo.out());
            assertTrue((Long)snapshot.get("messages") > 0, demo.out());
            assertTrue(((Number)snapshot.get("seconds")).doubleValue() > 0, demo.out());
            assertEquals(sent - (sequence - 1), result.get("received"), "the live feed from the snapshot's sequence on");
        }
    }

    @Test
    @Tag("integration")
    void shouldGiveEarlyAndLateSubscribersTheSnapshotAndTheLiveFeedSoTheirBooksEqualTheReplay() throws Exception
    {
        try (ChildJvm demo = ChildJvm.start(List.of(), "demo", "--seconds", "6", "--join-after", "2",
            "--rate", "20000", "--stocks", "50", "--subscribers", "2", "--json", "--quiet"))
        {
            assertEquals(ExitCodes.OK, demo.exitStatus(), demo.out() + demo.err());
            final Map<String, Object> result = Json.parseObject(demo.out().strip());
            assertEquals(true, result.get("booksMatchReplay"), demo.out());
            @SuppressWarnings("unchecked")
            final List<Map<String, Object>> subscribers = (List<Map<String, Object>>)result.get("subscribers");
            assertEquals(2, subscribers.size(), demo.out());
            for (final Map<String, Object> subscriber : subscribers)
            {
                // the handler's output starts with the snapshot, before a subscriber's JVM is up: both join
                // from the recording, and rebuild the snapshot's books and every live change after it
                assertEquals(true, subscriber.get("booksMatchReplay"), demo.out());
                assertEquals(0L, subscriber.get("outputGaps"), demo.out());
                assertEquals("replay", subscriber.get("join"), demo.out());
            }
            assertEquals(false, subscribers.get(0).get("joinedLate"), demo.out());
            assertEquals(true, subscribers.get(1).get("joinedLate"), demo.out());
        }
    }

    @Test
    void shouldExit64ForAJoinNotBeforeTheEndOrOverAeron()
    {
        final ReplayCommandTest.Run late = run("demo", "--seconds", "3", "--join-after", "3");
        assertEquals(ExitCodes.USAGE, late.exitCode());
        assertTrue(late.err().contains("--join-after must be in [0, --seconds)"), late.err());
        final ReplayCommandTest.Run aeron = run("demo", "--join-after", "1", "--transport", "aeron");
        assertEquals(ExitCodes.USAGE, aeron.exitCode());
        assertTrue(aeron.err().contains("--join-after needs --transport udp"), aeron.err());
    }

    @Test
    void shouldKeepAHistoryShorterThanWhatTheHandlerMisses()
    {
        final DemoCommand demo = new DemoCommand();
        demo.joinAfter = 3;
        demo.rate = 100_000;
        assertEquals(262_144, demo.lateJoinHistory(), "the largest power of two below 300,000");
        demo.joinAfter = 2.62144;
        assertEquals(131_072, demo.lateJoinHistory(), "below, not at, what was missed");
        demo.joinAfter = 0.001;
        demo.rate = 1;
        assertEquals(1, demo.lateJoinHistory());
    }
}
