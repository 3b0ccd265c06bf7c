package org.feedhandler.sim;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where the {@link Publisher}'s messages come from: a BinaryFILE, or the {@link MarketGenerator}'s stream.
 */
interface MessageSource extends AutoCloseable
{
    /**
     * @param dst where to write the next message, at offset 0.
     * @return the next message's length; -1 at the end.
     */
    int next(MutableDirectBuffer dst);

    void close();

    /**
     * @param ctx a concluded context: its file, or else its generator settings.
     * @return the source the context names.
     * @throws UncheckedIOException when the file cannot be opened.
     */
    static MessageSource of(final PublisherContext ctx)
    {
        return null != ctx.file() ? new FileSource(ctx.file()) : new GeneratedSource(new MarketGenerator(
            ctx.seed(), ctx.stocks(), ctx.maxLiveOrders(), MarketGenerator.Flow.INDEPENDENT, ctx.subDollarPercent()));
    }

    /** The generator's endless stream. */
    final class GeneratedSource implements MessageSource
    {
        private final MarketGenerator generator;

        GeneratedSource(final MarketGenerator generator)
        {
            this.generator = generator;
        }

        public int next(final MutableDirectBuffer dst)
        {
            return generator.next(dst, 0, 0);
        }

        public void close()
        {
        }
    }

    /** A BinaryFILE's records, in order, to its end or its end-of-session record. */
    final class FileSource implements MessageSource
    {
        private final BinaryFileReader reader;
        private final MessageHandler copier = this::onMessage;
        private MutableDirectBuffer dst;
        private int length;

        FileSource(final Path file)
        {
            try
            {
                reader = BinaryFileReader.open(file);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot open " + file + ": " + ex.getMessage(), ex);
            }
        }

        private void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequence)
        {
            dst.putBytes(0, buffer, offset, length);
            this.length = length;
        }

        public int next(final MutableDirectBuffer dst)
        {
            this.dst = dst;
            try
            {
                return reader.poll(copier, 1) == 1 ? length : -1;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        public void close()
        {
            CloseHelper.quietClose(reader);
        }
    }
}
