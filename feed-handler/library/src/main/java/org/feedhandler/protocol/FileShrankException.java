package org.feedhandler.protocol;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file being read became shorter than it was when opened (rewritten or truncated by another
 * process); what was read before it stands, the rest cannot be read.
 */
public final class FileShrankException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final long lengthAtOpen;
    private final long lengthNow;

    public FileShrankException(final Path path, final long lengthAtOpen, final long lengthNow)
    {
        super(path + " shrank from " + lengthAtOpen + " to " + (lengthNow < 0 ? "an unknown length" : lengthNow) +
            " bytes while being read: another process truncated or rewrote it; replay a copy that is not being" +
            " written");
        this.lengthAtOpen = lengthAtOpen;
        this.lengthNow = lengthNow;
    }

    public long lengthAtOpen()
    {
        return lengthAtOpen;
    }

    /**
     * @return the length when the shrink was noticed, or -1 when it could not be read.
     */
    public long lengthNow()
    {
        return lengthNow;
    }
}
