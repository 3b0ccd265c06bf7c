package org.feedhandler.cli;

import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
