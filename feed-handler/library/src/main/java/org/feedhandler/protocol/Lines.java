package org.feedhandler.protocol;

/**
 * The one definition of a feed's lines: the ids transports stamp on each packet and the sequencer
 * arbitrates between. A/B are the two copies of the multicast feed; the retransmission line carries
 * the request server's unicast answers.
 */
public final class Lines
{
    /** The A line. */
    public static final int A = 0;

    /** The B line. */
    public static final int B = 1;

    /** Unicast answers of the retransmission request server. */
    public static final int RETRANSMISSION = 2;

    /** Number of line ids: A, B and the retransmission line. */
    public static final int COUNT = 3;

    /**
     * @param line a line id.
     * @return "A", "B" or "retransmission".
     */
    public static String name(final int line)
    {
        return line == A ? "A" : line == B ? "B" : "retransmission";
    }

    private Lines()
    {
    }
}
