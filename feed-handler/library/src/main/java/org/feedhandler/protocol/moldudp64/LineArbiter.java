package org.feedhandler.protocol.moldudp64;


import org.feedhandler.protocol.Lines;
import java.util.Arrays;

/**
 * What the sequencer knows of each line: the highest sequence number it has brought (so a gap that
 * every live line has passed is declared without waiting) and whether it has gone silent. Sequence
 * numbers compare as serial numbers, so the top of the u64 range works like any other. The first
 * copy of each sequence number wins whichever line brings it; the per-line counts of first
 * arrivals and duplicates are kept in {@link SequencerCounters}.
 */
final class LineArbiter
{
    private static final long NONE = Long.MIN_VALUE;

    private final int lines;
    private final long silenceNs;
    private final SequencerListener listener;
    private final long[] highest = new long[Lines.COUNT];
    private final long[] lastPacketNs = new long[Lines.COUNT];
    private final boolean[] silent = new boolean[Lines.COUNT];

    LineArbiter(final int lines, final long silenceNs, final SequencerListener listener)
    {
        this.lines = lines;
        this.silenceNs = silenceNs;
        this.listener = listener;
        Arrays.fill(lastPacketNs, NONE);
    }

    /**
     * Forget the highest sequence numbers (a new session, or a confirmed jump).
     *
     * @param next the next sequence number expected: every line has passed the one before it.
     */
    void reset(final long next)
    {
        Arrays.fill(highest, next - 1);
    }

    int lines()
    {
        return lines;
    }

    /** A packet arrived on {@code line}: it is alive. */
    void onPacket(final int line, final long nowNs)
    {
        lastPacketNs[line] = nowNs;
        if (silent[line])
        {
            silent[line] = false;
            listener.onLineSilent(line, false);
        }
    }

    /** {@code line} has brought, or announced, {@code sequence}. */
    void passed(final int line, final long sequence)
    {
        if (sequence - highest[line] > 0)
        {
            highest[line] = sequence;
        }
    }

    /**
     * @return true when every line that is not silent has brought {@code sequence} or beyond.
     */
    boolean everyLiveLinePassed(final long sequence)
    {
        for (int line = 0; line < lines; line++)
        {
            if (!silent[line] && highest[line] - sequence < 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Report lines that have received nothing for the silence interval.
     *
     * @return lines newly found silent.
     */
    int checkSilence(final long nowNs)
    {
        int work = 0;
        for (int line = 0; line < lines; line++)
        {
            if (lastPacketNs[line] == NONE)
            {
                lastPacketNs[line] = nowNs;
            }
            else if (!silent[line] && nowNs - lastPacketNs[line] >= silenceNs)
            {
                silent[line] = true;
                listener.onLineSilent(line, true);
                work++;
            }
        }
        return work;
    }

    boolean silent(final int line)
    {
        return silent[line];
    }
}
