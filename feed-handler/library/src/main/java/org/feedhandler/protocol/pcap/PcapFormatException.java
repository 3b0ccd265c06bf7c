package org.feedhandler.protocol.pcap;

import java.io.IOException;

/**
 * The file is not a classic libpcap capture this reader can walk: bad magic, a short global header or an
 * unsupported link type. Thrown at open only; damage further into the file is reported by
 * {@link PcapReader#errorMessage()} instead.
 */
public final class PcapFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final long offset;

    public PcapFormatException(final long offset, final String message)
    {
        super(message);
        this.offset = offset;
    }

    /**
     * @return byte offset in the file where the problem was found.
     */
    public long offset()
    {
        return offset;
    }
}
