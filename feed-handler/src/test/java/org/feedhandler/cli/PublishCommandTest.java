package org.feedhandler.cli;

import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;

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
        assertEquals(Main.EXIT_OK, execute("publish", "--help"));
        assertTrue(out.toString().contains("--channel"), out.toString());
        assertTrue(out.toString().contains("--retransmit-port"), out.toString());
    }

    @Test
    void shouldExit64WithoutTheRequiredOptions()
    {
        assertEquals(Main.EXIT_USAGE, execute("publish", "--rate", "1000"));
        assertTrue(err.toString().contains("--channel"), err.toString());
    }

    @Test
    void shouldExit64ForAnUnknownOption()
    {
        assertEquals(Main.EXIT_USAGE, execute("publish", "--channel", channel(), "--rate", "1", "--bogus"));
    }

    @Test
    void shouldExit64ForAProbabilityOutOfRange()
    {
        assertEquals(Main.EXIT_USAGE, execute("publish", "--channel", channel(), "--rate", "1", "--loss", "1.5"));
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
            assertEquals(Main.EXIT_USAGE, execute(cases[i]), String.join(" ", cases[i]));
            assertTrue(err.toString().contains(expected[i]), String.join(" ", cases[i]) + ": " + err);
        }
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("unused.bin")), "generate wrote nothing");
    }

    @Test
    void shouldExit64ForAMalformedChannel()
    {
        assertEquals(Main.EXIT_USAGE, execute("publish", "--channel", "udp://127.0.0.1:31001", "--rate", "1"));
        assertTrue(err.toString().contains("multicast"), err.toString());
        assertEquals(Main.EXIT_USAGE, execute("publish", "--channel", "tcp://x", "--rate", "1"));
    }

    @Test
    void shouldExit64ForAbWithoutALineB()
    {
        assertEquals(Main.EXIT_USAGE, execute("publish", "--channel", channel(), "--rate", "1", "--ab"));
        assertTrue(err.toString().contains("b="), err.toString());
    }

    @Test
    void shouldExit66ForAMissingFile()
    {
        assertEquals(Main.EXIT_NO_INPUT, execute("publish", "/nonexistent/day.NASDAQ_ITCH50", "--channel", channel(),
            "--rate", "1"));
    }

    @Test
    @Tag("integration")
    void shouldPublishAndPrintTheSummaryAsJson()
    {
        assertEquals(Main.EXIT_OK, execute("publish", "--channel", channel(), "--rate", "20000", "--messages", "2000",
            "--idle", "yield", "--retransmit-port", "0", "--json", "--quiet", "--dup", "0.1", "--end-of-session"));
        final String json = out.toString().trim();
        assertTrue(json.startsWith("{\"sent\": 2000, \"packets\": "), json);
        for (final String key : new String[]{"dropped", "duplicated", "reordered", "retransmitRequests",
            "retransmittedMessages", "seconds", "rate"})
        {
            assertTrue(json.contains("\"" + key + "\": "), key + " in " + json);
        }
    }
}
