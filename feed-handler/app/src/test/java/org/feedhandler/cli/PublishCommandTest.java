package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class PublishCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(final String... args)
    {
        final CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static String channel()
    {
        final InetSocketAddress group = Loopback.group();
        return "udp://" + group.getAddress().getHostAddress() + ":" + group.getPort() + "?interface=lo";
    }

    @Test
    void shouldPrintUsageForHelp()
    {
        assertEquals(ExitCodes.OK, execute("publish", "--help"));
        assertTrue(out.toString().contains("--channel"), out.toString());
        assertTrue(out.toString().contains("--retransmit-port"), out.toString());
    }

    @Test
    void shouldExit64WithoutTheRequiredOptions()
    {
        assertEquals(ExitCodes.USAGE, execute("publish", "--rate", "1000"));
        assertTrue(err.toString().contains("--channel"), err.toString());
    }

    @Test
    void shouldExit64ForAnUnknownOption()
    {
        assertEquals(ExitCodes.USAGE, execute("publish", "--channel", channel(), "--rate", "1", "--bogus"));
    }

    @Test
    void shouldExit64ForAProbabilityOutOfRange()
    {
        assertEquals(ExitCodes.USAGE, execute("publish", "--channel", channel(), "--rate", "1", "--loss", "1.5"));
        assertTrue(err.toString().contains("--loss"), err.toString());
    }

    @Test
    void shouldExit64NamingTheOptionForAStockCountOrSubDollarShareOutOfRangeInEveryCommandThatGenerates()
    {
        // publish, generate and demo share one check (StreamOptions): same exit status, same message
        final String[][] cases = {
            {"publish", "--channel", channel(), "--rate", "1", "--stocks", "0"},
            {"publish", "--channel", channel(), "--rate", "1", "--sub-dollar", "101"},
            {"generate", "unused.bin", "--messages", "1", "--stocks", "65536"},
            {"generate", "unused.bin", "--messages", "1", "--sub-dollar", "-1"},
            {"demo", "--stocks", "0"},
            {"demo", "--sub-dollar", "101"},
        };
        final String[] expected = {
            "--stocks must be in [1, 65535], not 0",
            "--sub-dollar must be a percent in [0, 100], not 101",
            "--stocks must be in [1, 65535], not 65536",
            "--sub-dollar must be a percent in [0, 100], not -1",
            "--stocks must be in [1, 65535], not 0",
            "--sub-dollar must be a percent in [0, 100], not 101",
        };
        for (int i = 0; i < cases.length; i++)
        {
            err.getBuffer().setLength(0);
            assertEquals(ExitCodes.USAGE, execute(cases[i]), String.join(" ", cases[i]));
            assertTrue(err.toString().contains(expected[i]), String.join(" ", cases[i]) + ": " + err);
        }
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("unused.bin")), "generate wrote nothing");
    }

    @Test
    void shouldExit64ForAMalformedChannel()
    {
        assertEquals(ExitCodes.USAGE, execute("publish", "--channel", "udp://127.0.0.1:31001", "--rate", "1"));
        assertTrue(err.toString().contains("multicast"), err.toString());
        assertEquals(ExitCodes.USAGE, execute("publish", "--channel", "tcp://x", "--rate", "1"));
    }

    @Test
    void shouldExit64ForAbWithoutALineB()
    {
        assertEquals(ExitCodes.USAGE, execute("publish", "--channel", channel(), "--rate", "1", "--ab"));
        assertTrue(err.toString().contains("b="), err.toString());
    }

    @Test
    void shouldExit66ForAMissingFile()
    {
        assertEquals(ExitCodes.NO_INPUT, execute("publish", "/nonexistent/day.NASDAQ_ITCH50", "--channel", channel(),
            "--rate", "1"));
    }

    @Test
    @Tag("integration")
    void shouldPublishAndPrintTheSummaryAsJson()
    {
        assertEquals(ExitCodes.OK, execute("publish", "--channel", channel(), "--rate", "20000", "--messages", "2000",
            "--idle", "yield", "--retransmit-port", "0", "--json", "--quiet", "--dup", "0.1", "--end-of-session"));
        final String json = out.toString().trim();
        final Map<String, Object> summary = Json.parseObject(json);
        assertEquals(List.of("sent", "packets", "dropped", "duplicated", "reordered", "heartbeats", "retransmitRequests",
            "retransmittedMessages", "seconds", "rate", "maxLagMicros"), List.copyOf(summary.keySet()), json);
        assertEquals(2000L, summary.get("sent"), json);
        assertEquals(2000L, DemoCommand.sentBy(json), "the demo reads the count the simulator prints");
        assertEquals(-1L, DemoCommand.sentBy("publish: sent 2,000 messages"));
    }
}
