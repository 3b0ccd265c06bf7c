package org.feedhandler.protocol.moldudp64;

import java.util.ArrayList;
import java.util.List;

/** The sequence numbers a test expects delivered. */
final class SequenceRange
{
    static List<Long> range(final long from, final long toInclusive)
    {
        final List<Long> list = new ArrayList<>();
        for (long s = from; s <= toInclusive; s++)
        {
            list.add(s);
        }
        return list;
    }

    private SequenceRange()
    {
    }
}
