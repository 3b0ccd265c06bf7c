package org.feedhandler.normalized;

/**
 * Values of the FeedStatus message's {@code status} field.
 */
final class FeedStatus
{
    static final byte GAP = 'G';
    static final byte STALE = 'S';
    static final byte RECOVERED = 'R';

    private FeedStatus()
    {
    }
}
