package org.feedhandler.cli;

import org.feedhandler.TestData;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.protocol.pcap.PcapTestWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.feedhandler.cli.ReplayCommandTest.json;
import static org.feedhandler.cli.ReplayCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay reports everything it did not read, by cause, and exits 65 when feed data could not be read:
 * damaged files built in a temporary directory from real exchange bytes and from the generator.
 */
class ReplaySkippedDataTest
{
    private static final int MESSAGES = 100_000;

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static long skipped(final Map<String, Object> doc, final String cause)
    {
        return ((Number)((Map<String, Object>)doc.get("skipped")).get(cause)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static long rejects(final Map<String, Object> doc, final String kind)
    {
        return ((Number)((Map<String, Object>)doc.get("rejects")).get(kind)).longValue();
    }

    private static long messages(final Map<String, Object> doc)
    {
        return ((Number)doc.get("messages")).longValue();
    }

    private byte[] generated() throws Exception
    {
        final Path file = dir.resolve("generated.bin");
        assertEquals(ExitCodes.OK, run("generate", file.toString(), "--messages", String.valueOf(MESSAGES)).exitCode());
        return Files.readAllBytes(file);
    }

    /**
     * @return the byte offset of the record with this index (from 0) in a BinaryFILE.
     */
    private static int recordOffset(final byte[] file, final int index)
    {
        int offset = 0;
        for (int i = 0; i < index; i++)
        {
            offset += 2 + ((file[offset] & 0xFF) << 8 | file[offset + 1] & 0xFF);
        }
        return offset;
    }

    private Path write(final String name, final byte[]... parts) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            bytes.write(part);
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private static byte[] slice(final byte[] bytes, final int from, final int to)
    {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    @Test
    void shouldExitSixtyFiveAndCountTenMegabytesOfZeroBytesAsBytesAfterAnEndMarker() throws Exception
    {
        final Path file = write("zeros.bin", new byte[10 << 20]);

        final ReplayCommandTest.Run run = run("replay", file.toString(), "--json");

        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(0, messages(doc));
        assertEquals((10 << 20) - 2, skipped(doc, "afterEndMarkerBytes"));
        assertEquals((10 << 20) - 2, skipped(doc, "bytes"));
        assertTrue(run.err().contains("zero-length record at byte offset 0"), run.err());
    }

    @Test
    void shouldExitSixtyFiveForARealMoldUdp64StreamGivenAsABinaryFile() throws Exception
    {
        final ReplayCommandTest.Run run = run("replay",
            TestData.real("moldudp-unwrap_mold.sample.dat").toString(), "--json");

        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(0, messages(doc));
        assertEquals(2773, skipped(doc, "afterEndMarkerBytes"));
        assertTrue(run.err().contains("--format pcap"), run.err());
    }

    @Test
    void shouldReadEveryMessageAfterAZeroLengthRecordInMidFileAndCountIt() throws Exception
    {
        final byte[] day = generated();
        final int middle = recordOffset(day, MESSAGES / 2);
        final Path file = write("zero-mid.bin", slice(day, 0, middle), new byte[2], slice(day, middle, day.length));

        final ReplayCommandTest.Run run = run("replay", file.toString(), "--json");

        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(MESSAGES, messages(doc), "the framing resynchronises after the zero-length record");
        assertEquals(1, skipped(doc, "zeroLengthRecords"));
        assertEquals(0, skipped(doc, "afterEndMarkerBytes"));
        assertEquals(2, skipped(doc, "bytes"));
    }

    @Test
    void shouldStopAtAZeroLengthRecordFollowedByGarbageAndCountTheBytesAfterIt() throws Exception
    {
        final byte[] day = generated();
        final int middle = recordOffset(day, MESSAGES / 2);
        final byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0; // a 0x00 type: no ITCH record
        final Path file = write("zero-garbage.bin", slice(day, 0, middle), new byte[] {0, 0, 0, 1}, garbage);

        final ReplayCommandTest.Run run = run("replay", file.toString(), "--json");

        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(MESSAGES / 2, messages(doc));
        assertEquals(2 + garbage.length, skipped(doc, "afterEndMarkerBytes"));
    }

    @Test
    void shouldExitSixtyFiveForARecordShorterThanItsItchTypeAndReadTheRest() throws Exception
    {
        final byte[] day = generated();
        int add = 0;
        while ('A' != day[add + 2])
        {
            add += 2 + ((day[add] & 0xFF) << 8 | day[add + 1] & 0xFF);
        }
        final byte[] shortAdd = slice(day, add, add + 2 + 20);
        shortAdd[1] = 20; // an Add Order needs 36 bytes
        final Path file = write("short-add.bin", slice(day, 0, add), shortAdd, slice(day, add + 2 + 36, day.length));

        final ReplayCommandTest.Run run = run("replay", file.toString(), "--json");

        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(1, skipped(doc, "badLengths"));
        assertEquals(MESSAGES - 1, messages(doc));
    }

    @Test
    void shouldShowTheBookRejectsOfRepeatedAddAndDeleteRecords() throws Exception
    {
        final byte[] day = generated();
        int add = -1;
        int delete = -1;
        for (int i = 0, offset = 0; offset < day.length && (add < 0 || delete < 0); i++)
        {
            final int length = (day[offset] & 0xFF) << 8 | day[offset + 1] & 0xFF;
            if ('A' == day[offset + 2] && add < 0)
            {
                add = offset;
            }
            if ('D' == day[offset + 2] && delete < 0)
            {
                delete = offset;
            }
            offset += 2 + length;
        }
        final int addEnd = add + 2 + 36;
        final int deleteEnd = delete + 2 + 19;
        assertTrue(add >= 0 && addEnd < delete, "an add before the first delete");
        final Path file = write("rejects.bin",
            slice(day, 0, addEnd), slice(day, add, addEnd),             // the add again: a duplicate reference
            slice(day, addEnd, deleteEnd), slice(day, delete, deleteEnd), // the delete again: an unknown reference
            slice(day, deleteEnd, day.length));

        final ReplayCommandTest.Run run = run("replay", file.toString(), "--json");

        assertEquals(ExitCodes.OK, run.exitCode(), "rejects are the data's, not unreadable bytes: " + run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(MESSAGES + 2, messages(doc));
        assertEquals(1, rejects(doc, "duplicateOrderRefs"));
        assertTrue(rejects(doc, "unknownOrderRefs") >= 1);
        assertEquals(0, skipped(doc, "bytes"));

        final ReplayCommandTest.Run text = run("replay", file.toString());
        assertTrue(text.out().contains("rejects    ") && text.out().contains("1 duplicate order refs"), text.out());
    }

    @Test
    void shouldExitZeroWithNothingSkippedForTheRealNasdaqSamplesAndTheRealCapture()
    {
        for (final String name : new String[] {
            "nasdaq_01302019_first3msgs.binaryfile", "nassau_binaryfile.dat"})
        {
            final ReplayCommandTest.Run run = run("replay", TestData.real(name).toString(), "--json");
            assertEquals(ExitCodes.OK, run.exitCode(), name + ": " + run.err());
            assertEquals(0, skipped(json(run), "bytes"), name);
        }
        final ReplayCommandTest.Run capture = run("replay",
            TestData.real("bats_mcastpitch_realtime_useq.pcap").toString(), "--format", "pcap", "--json");
        assertEquals(ExitCodes.OK, capture.exitCode(), capture.err());
        assertEquals(0, skipped(json(capture), "bytes"));
    }

    @Test
    void shouldCountFramesOfOtherProtocolsAndExitZero()
    {
        final ReplayCommandTest.Run run = run("replay",
            TestData.real("bats_mcastpitch_grp_useq.pcap").toString(), "--format", "pcap", "--json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(42, skipped(doc, "nonUdp"), "the TCP gap-request session");
        assertTrue(skipped(doc, "bytes") > 0);
        assertTrue(run("replay", TestData.real("bats_mcastpitch_grp_useq.pcap").toString(), "--format", "pcap")
            .out().contains("42 non-UDP datagrams"));
    }

    @Test
    void shouldExitSixtyFiveForARealCaptureCutByItsSnapLength() throws Exception
    {
        final Path file = dir.resolve("snap46.pcap");
        Files.write(file, withSnapLength(TestData.realBytes("bats_mcastpitch_realtime_useq.pcap"), 46));

        final ReplayCommandTest.Run run = run("replay", file.toString(), "--format", "pcap", "--json");

        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(739, skipped(doc, "snapLengthCuts"));
        assertTrue(run.err().contains("739 frames cut by the snap length"), run.err());
    }

    @Test
    void shouldExitSixtyFiveForACorruptRecordHeaderInARealCaptureAfterReadingEverythingBeforeIt() throws Exception
    {
        final byte[] capture = TestData.realBytes("bats_mcastpitch_realtime_useq.pcap");
        final ByteBuffer b = ByteBuffer.wrap(capture).order(byteOrder(capture));
        int offset = 24;
        for (int i = 0; i < 100; i++)
        {
            offset += 16 + b.getInt(offset + 8);
        }
        b.putInt(offset + 8, -1);
        final Path file = Files.write(dir.resolve("corrupt.pcap"), capture);

        final ReplayCommandTest.Run run = run("replay", file.toString(), "--format", "pcap", "--json");

        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        final Map<String, Object> doc = json(run);
        assertEquals(capture.length - offset, skipped(doc, "garbageBytes"));
        @SuppressWarnings("unchecked")
        final Map<String, Object> sequence = (Map<String, Object>)doc.get("sequence");
        assertEquals(100, ((Number)sequence.get("packets")).longValue(), "every packet before the damage");
    }

    @Test
    void shouldExitSixtyFiveForIpFragmentsButZeroForDatagramsFilteredByGroup() throws Exception
    {
        final byte[] payload = new byte[40];
        final Path fragments = new PcapTestWriter()
            .record(1, 0, new PcapTestWriter.Frame().dst(0xEFC20101, 31001).payload(payload).ethernet())
            .record(2, 0,
                new PcapTestWriter.Frame().dst(0xEFC20101, 31001).fragment(0x2000).payload(payload).ethernet())
            .write(dir.resolve("fragments.pcap"));
        final ReplayCommandTest.Run run = run("replay", fragments.toString(), "--format", "pcap", "--json");
        assertEquals(ExitCodes.DATA, run.exitCode(), run.err());
        assertEquals(1, skipped(json(run), "fragments"));

        final Path other = new PcapTestWriter()
            .record(1, 0, new PcapTestWriter.Frame().dst(0xEFC20102, 31002).payload(payload).ethernet())
            .write(dir.resolve("other-group.pcap"));
        final ReplayCommandTest.Run filtered = run("replay", other.toString(), "--format", "pcap",
            "--group", "239.194.1.1:31001", "--json");
        assertEquals(ExitCodes.OK, filtered.exitCode(), filtered.err());
        assertEquals(1, skipped(json(filtered), "filtered"));
    }

    private static ByteOrder byteOrder(final byte[] capture)
    {
        final int first = capture[0] & 0xFF;
        return 0xd4 == first || 0x4d == first ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    /**
     * @return the capture as tcpdump -s SNAP would have written it: each record's bytes cut to the snap
     * length, its incl_len lowered to match and its orig_len kept.
     */
    private static byte[] withSnapLength(final byte[] capture, final int snap)
    {
        final ByteBuffer in = ByteBuffer.wrap(capture).order(byteOrder(capture));
        final ByteBuffer out = ByteBuffer.allocate(capture.length).order(in.order());
        out.put(capture, 0, 24).putInt(16, snap);
        int offset = 24;
        while (offset + 16 <= capture.length)
        {
            final int inclLen = in.getInt(offset + 8);
            final int kept = Math.min(inclLen, snap);
            out.putInt(in.getInt(offset)).putInt(in.getInt(offset + 4)).putInt(kept).putInt(in.getInt(offset + 12));
            out.put(capture, offset + 16, kept);
            offset += 16 + inclLen;
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
