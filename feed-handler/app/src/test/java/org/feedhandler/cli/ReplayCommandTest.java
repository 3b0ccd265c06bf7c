package org.feedhandler.cli;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.TestData;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.protocol.pcap.PcapTestWriter;
import org.feedhandler.sim.MarketGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest
{
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err)
    {
    }

    static Run run(final String... args)
    {
        final CommandLine commandLine = Main.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(final Run run)
    {
        assertEquals(1, run.out().strip().split("\n").length, "exactly one JSON document: " + run.out());
        return (Map<String, Object>)Json.parse(run.out().strip());
    }

    @Test
    void shouldReplayRealNasdaqRecordsAsOneJsonDocument()
    {
        final Run run = run("replay", TestData.real("nasdaq_01302019_first3msgs.binaryfile").toString(), "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(3L, ((Number)doc.get("messages")).longValue());
        assertEquals(Map.of("S", 1L, "R", 2L), doc.get("types"));
        assertEquals(false, doc.get("truncated"));
        assertEquals(List.of(), doc.get("books"));
    }

    @Test
    void shouldExitThreeAndNameTheOffsetWhenTheFileEndsInsideARecord()
    {
        final Run run = run("replay", TestData.real("nasdaq_01302020_first100bytes.binaryfile").toString(), "--json");
        assertEquals(ExitCodes.TRUNCATED, run.exitCode());
        assertEquals(true, json(run).get("truncated"));
        assertEquals(3L, ((Number)json(run).get("messages")).longValue());
        assertTrue(run.err().contains("byte offset 96"), run.err());
    }

    @Test
    void shouldExitSixtySixForAMissingFileAndSixtyFourForBadUsage() throws Exception
    {
        assertEquals(ExitCodes.NO_INPUT, run("replay", dir.resolve("nope.bin").toString()).exitCode());
        assertEquals(ExitCodes.USAGE, run("replay").exitCode());
        assertEquals(ExitCodes.USAGE, run("replay", "x.bin", "--format", "csv").exitCode());
        assertEquals(ExitCodes.USAGE, run("replay", "x.bin", "--group", "239.1.1.1:1").exitCode());
        final Path capture = dir.resolve("empty.pcap");
        new PcapTestWriter().write(capture);
        assertEquals(ExitCodes.USAGE, run("replay", capture.toString(), "--format", "pcap", "--group", "239.1.1.1").exitCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPrintBooksAscendingByLocateWithAtMostFiveLevelsBestFirst() throws Exception
    {
        final Path file = dir.resolve("day.bin");
        assertEquals(ExitCodes.OK, run("generate", file.toString(), "--messages", "20000", "--stocks", "7").exitCode());
        final Run run = run("replay", file.toString(), "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(20000L, ((Number)doc.get("messages")).longValue());
        final List<Map<String, Object>> books = (List<Map<String, Object>>)doc.get("books");
        assertEquals(7, books.size());
        long previous = -1;
        for (final Map<String, Object> book : books)
        {
            final long locate = ((Number)book.get("locate")).longValue();
            assertTrue(locate > previous);
            previous = locate;
            final List<List<Number>> bids = (List<List<Number>>)book.get("bids");
            final List<List<Number>> asks = (List<List<Number>>)book.get("asks");
            assertTrue(bids.size() <= 5 && asks.size() <= 5);
            for (int i = 1; i < bids.size(); i++)
            {
                assertTrue(bids.get(i).get(0).longValue() < bids.get(i - 1).get(0).longValue(), "bids best first");
            }
            for (int i = 1; i < asks.size(); i++)
            {
                assertTrue(asks.get(i).get(0).longValue() > asks.get(i - 1).get(0).longValue(), "asks best first");
            }
            assertTrue(((String)book.get("symbol")).startsWith("S"));
        }
        final Run human = run("replay", file.toString());
        assertTrue(human.out().contains("A Add Order"), human.out());
        assertTrue(human.out().contains("msg/s"), human.out());
        // 20,000 messages, about 580 KB: books sized to what the file can fill, not the 8M-order default
        final long bound = Math.max(1024, Files.size(file) / 36 + 1);
        assertTrue(human.out().contains(String.format("(capacity %,d orders, %,d levels)", bound, bound)), human.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGenerateAClusteredDayWithTheSameMixAndRejectAnUnknownFlow() throws Exception
    {
        final Path independent = dir.resolve("independent.bin");
        final Path clustered = dir.resolve("clustered.bin");
        assertEquals(ExitCodes.OK, run("generate", independent.toString(), "--messages", "50000").exitCode());
        assertEquals(ExitCodes.OK,
            run("generate", clustered.toString(), "--messages", "50000", "--flow", "clustered").exitCode());
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(independent), Files.readAllBytes(clustered)));

        final Map<String, Object> doc = json(run("replay", clustered.toString(), "--json"));
        assertEquals(50000L, ((Number)doc.get("messages")).longValue());
        final long adds = ((Number)((Map<String, Object>)doc.get("types")).get("A")).longValue();
        assertTrue(adds > 17_000 && adds < 23_000, "about 40% adds: " + adds);

        final Run bad = run("generate", dir.resolve("x.bin").toString(), "--messages", "10", "--flow", "sideways");
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("--flow"), bad.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReportGapsAndDuplicatesOfAMoldUdp64CaptureAndFilterByGroup() throws Exception
    {
        final MarketGenerator generator = new MarketGenerator(3, 5, 10_000);
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 200)
            .session(MoldUdp64.sessionHigh("PCAPTEST"), MoldUdp64.sessionLow("PCAPTEST"));
        final PcapTestWriter pcap = new PcapTestWriter();
        final int group = 0xEFC20101; // 239.194.1.1
        long sequence = 1;
        for (int p = 0; p < 40; p++)
        {
            builder.begin(sequence);
            while (true)
            {
                final int length = generator.next(message, 0, 1000 * sequence);
                if (!builder.append(message, 0, length))
                {
                    throw new IllegalStateException("a message must fit an empty packet");
                }
                sequence++;
                if (!builder.fits(50))
                {
                    break;
                }
            }
            final byte[] bytes = new byte[builder.length()];
            packet.getBytes(0, bytes);
            final byte[] frame = new PcapTestWriter.Frame().dst(group, 31001).payload(bytes).ethernet();
            if (p != 10 && p != 20)
            {
                pcap.record(p, 0, frame); // packets 10 and 20 lost on A: two gaps there
            }
            if (p == 30)
            {
                pcap.record(p, 1, frame); // duplicated
            }
            pcap.record(p, 2, new PcapTestWriter.Frame().dst(0xEFC20102, 31002).payload(bytes).ethernet());
        }
        final Path file = pcap.write(dir.resolve("feed.pcap"));

        final Run run = run("replay", file.toString(), "--format", "pcap", "--group", "239.194.1.1:31001", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        final Map<String, Object> seq = (Map<String, Object>)json(run).get("sequence");
        assertEquals(39L, ((Number)seq.get("packets")).longValue(), "38 + 1 duplicate, other group filtered");
        assertEquals(2L, ((Number)seq.get("gaps")).longValue());
        assertEquals(1L, ((Number)seq.get("duplicatePackets")).longValue());
        assertTrue(((Number)seq.get("missingMessages")).longValue() >= 2);

        final Run unfiltered = run("replay", file.toString(), "--format", "pcap", "--json");
        final Map<String, Object> all = (Map<String, Object>)json(unfiltered).get("sequence");
        assertEquals(0L, ((Number)all.get("gaps")).longValue(), "B's copy, 2 us later, fills A's gap: no gap");
        assertEquals(38L + 1 + 40, ((Number)all.get("packets")).longValue());
    }
}
