package org.feedhandler.bench;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.sim.MarketGenerator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One pass of a generated stream through the replay path into books of fixed capacities, for a cache
 * simulator (cachegrind). The figure worth having is the difference between a long and a short stream,
 * per message: whatever start-up costs cancels out, as long as both runs build the same books. They must
 * have the same capacities: {@code replay} sizes its books to the file, so two files of different lengths
 * would allocate, and zero, tables of different sizes, and the difference would count the zeroing.
 * <pre>
 * java $(cat feed-handler/app/target/jvm.flags) -cp bench/target/benchmarks.jar org.feedhandler.bench.BookCacheRun \
 *     write MESSAGES FILE [STOCKS] [clustered|independent]
 * valgrind --tool=cachegrind --cache-sim=yes --LL=33554432,16,64 java -Xbatch $(cat feed-handler/app/target/jvm.flags) \
 *     -cp bench/target/benchmarks.jar org.feedhandler.bench.BookCacheRun replay FILE MAX_ORDERS MAX_LEVELS
 * </pre>
 * {@code write} writes the stream's messages BinaryFILE-framed, as {@link ItchStream} frames them;
 * {@code replay} maps the file and hands it to the decoder as one run, as {@code replay} does, and prints
 * the orders left resting.
 */
public final class BookCacheRun
{
    private BookCacheRun()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length >= 3 && "write".equals(args[0]))
        {
            final int stocks = args.length > 3 ? Integer.parseInt(args[3]) : 8000;
            final MarketGenerator.Flow flow = args.length > 4 ?
                MarketGenerator.Flow.valueOf(args[4].toUpperCase(Locale.ROOT)) : MarketGenerator.Flow.CLUSTERED;
            final ItchStream stream = ItchStream.generate(7, Integer.parseInt(args[1]), stocks, flow);
            final ByteBuffer bytes = stream.framedByteBuffer.duplicate();
            bytes.position(0).limit(stream.framedLength);
            try (FileChannel channel = FileChannel.open(Path.of(args[2]),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
            }
        }
        else if (args.length == 4 && "replay".equals(args[0]))
        {
            final MappedByteBuffer mapped;
            try (FileChannel channel = FileChannel.open(Path.of(args[1])))
            {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(Integer.parseInt(args[2])).maxLevels(Integer.parseInt(args[3])));
            new FeedPipeline(new FeedPipeline.Context().books(books)).decoder().onBlocks(buffer, 0, buffer.capacity(), Integer.MAX_VALUE);
            System.out.println(books.restingOrders());
        }
        else
        {
            System.err.println("usage: BookCacheRun write MESSAGES FILE [STOCKS] [clustered|independent]\n" +
                "       BookCacheRun replay FILE MAX_ORDERS MAX_LEVELS");
            System.exit(64);
        }
    }
}
