package org.feedhandler.cli;

import org.feedhandler.book.OrderBooks;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;
import org.feedhandler.protocol.pcap.PcapReader;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpFileReader;
import org.feedhandler.protocol.pcap.UdpFrameDecoder;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a replay did not read, by cause, and whether any of it was feed data that could not be read
 * (a data error: exit 65) or the normal skipping of other traffic in a capture.
 */
final class ReplaySkips
{
    /** A cause: its JSON key, its words in the text output, and whether it is a data error. */
    enum Cause
    {
        AFTER_END_MARKER_BYTES("afterEndMarkerBytes", "bytes after an end-of-session record", true),
        ZERO_LENGTH_RECORDS("zeroLengthRecords", "zero-length records before the end", true),
        GARBAGE_BYTES("garbageBytes", "bytes after a corrupt record header", true),
        SNAP_LENGTH_CUTS("snapLengthCuts", "frames cut by the snap length", true),
        FRAGMENTS("fragments", "IP fragments", true),
        BAD_LENGTHS("badLengths", "records or frames with bad lengths", true),
        UNKNOWN_PACKETS("unknownPackets", "packets of a type SoupBinTCP does not define", true),
        CUT_RECORD_BYTES("cutRecordBytes", "bytes of a record the end of the file cuts", false),
        NON_UDP("nonUdp", "non-UDP datagrams", false),
        NON_IPV4("nonIpv4", "non-IPv4 frames", false),
        FILTERED("filtered", "datagrams filtered out by --group", false);

        final String key;
        final String words;
        final boolean dataError;

        Cause(final String key, final String words, final boolean dataError)
        {
            this.key = key;
            this.words = words;
            this.dataError = dataError;
        }
    }

    private final Map<Cause, Long> counts = new LinkedHashMap<>();
    private final long bytes;

    private ReplaySkips(final long bytes)
    {
        this.bytes = bytes;
    }

    /**
     * @param reader           after the replay.
     * @param malformedRecords records shorter than their ITCH type needs (the decoder's count).
     * @return the skips.
     */
    static ReplaySkips of(final BinaryFileReader reader, final long malformedRecords)
    {
        final ReplaySkips skips = new ReplaySkips(
            reader.trailingBytes() + reader.zeroLengthRecords() * 2 + reader.truncatedBytes());
        skips.count(Cause.AFTER_END_MARKER_BYTES, reader.trailingBytes());
        skips.count(Cause.ZERO_LENGTH_RECORDS, reader.zeroLengthRecords());
        skips.count(Cause.BAD_LENGTHS, malformedRecords);
        skips.count(Cause.CUT_RECORD_BYTES, reader.truncatedBytes());
        return skips;
    }

    /**
     * @param reader           after the replay.
     * @param malformedRecords Sequenced Data messages shorter than their ITCH type needs (the decoders' count).
     * @return the skips.
     */
    static ReplaySkips of(final SoupBinTcpFileReader reader, final long malformedRecords)
    {
        final ReplaySkips skips = new ReplaySkips(
            reader.afterEndOfSessionBytes() + reader.garbageBytes() + reader.truncatedBytes());
        skips.count(Cause.AFTER_END_MARKER_BYTES, reader.afterEndOfSessionBytes());
        skips.count(Cause.GARBAGE_BYTES, reader.garbageBytes());
        skips.count(Cause.BAD_LENGTHS, reader.badLengths() + malformedRecords);
        skips.count(Cause.UNKNOWN_PACKETS, reader.unknownPackets());
        skips.count(Cause.CUT_RECORD_BYTES, reader.truncatedBytes());
        return skips;
    }

    static ReplaySkips of(final PcapReader reader)
    {
        final UdpFrameDecoder frames = reader.frames();
        final ReplaySkips skips = new ReplaySkips(reader.skippedFrameBytes() + reader.unreadBytes());
        final boolean garbage = reader.corruptRecordHeader();
        skips.count(Cause.GARBAGE_BYTES, garbage ? reader.unreadBytes() : 0);
        skips.count(Cause.CUT_RECORD_BYTES, garbage ? 0 : reader.unreadBytes());
        skips.count(Cause.SNAP_LENGTH_CUTS, frames.snapLengthCuts());
        skips.count(Cause.FRAGMENTS, frames.fragments());
        skips.count(Cause.BAD_LENGTHS, frames.shortFrames() + frames.malformed());
        skips.count(Cause.NON_UDP, frames.nonUdp());
        skips.count(Cause.NON_IPV4, frames.nonIpv4());
        skips.count(Cause.FILTERED, frames.filtered());
        return skips;
    }

    private void count(final Cause cause, final long n)
    {
        counts.put(cause, n);
    }

    /**
     * @return every cause of the format, by JSON key, zeros included, and the total {@code bytes}.
     */
    Map<String, Long> byKey()
    {
        final Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach((cause, n) -> map.put(cause.key, n));
        map.put("bytes", bytes);
        return map;
    }

    /**
     * @param dataErrorsOnly only the causes that are data errors.
     * @return the nonzero causes in words, e.g. {@code "2,773 bytes after an end-of-session record"}; empty
     * when there are none.
     */
    String inWords(final boolean dataErrorsOnly)
    {
        final StringBuilder text = new StringBuilder();
        counts.forEach((cause, n) ->
        {
            if (n > 0 && (cause.dataError || !dataErrorsOnly))
            {
                append(text, n, cause.words);
            }
        });
        return text.toString();
    }

    long bytes()
    {
        return bytes;
    }

    /**
     * The books' rejects by kind: the one place the replay reads the book counters.
     *
     * @param books after the replay.
     * @return the counts by JSON key, zeros included.
     */
    static Map<String, Long> rejects(final OrderBooks books)
    {
        final Map<String, Long> map = new LinkedHashMap<>();
        map.put("unknownOrderRefs", books.counters().unknownOrderRefs());
        map.put("duplicateOrderRefs", books.counters().duplicateOrderRefs());
        map.put("badSide", books.counters().badSides());
        map.put("badValue", books.counters().badValues());
        map.put("excessShares", books.counters().excessShares());
        map.put("ordersFull", books.counters().ordersFull());
        map.put("levelsFull", books.counters().levelsFull());
        return map;
    }

    /**
     * @param counts by JSON key.
     * @return the nonzero ones in words, e.g. {@code "3 unknown order refs"}; empty when there are none.
     */
    static String inWords(final Map<String, Long> counts)
    {
        final StringBuilder text = new StringBuilder();
        counts.forEach((key, n) ->
        {
            if (n > 0)
            {
                append(text, n, key.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT));
            }
        });
        return text.toString();
    }

    private static void append(final StringBuilder text, final long n, final String words)
    {
        text.append(text.length() > 0 ? ", " : "").append(String.format("%,d %s", n, words));
    }
}
