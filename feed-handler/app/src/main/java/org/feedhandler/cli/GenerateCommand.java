package org.feedhandler.cli;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.sim.MarketGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code generate OUT --messages N [--seed S] [--stocks N] [--flow independent|clustered] [--sub-dollar PERCENT]}:
 * write the simulator's deterministic,
 * realistic ITCH 5.0 stream as a BinaryFILE, for replay, publish and benchmarks.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
        "Write a deterministic, realistic ITCH 5.0 stream (the simulator's) as a BinaryFILE.",
        "Same seed, same bytes. Exit: 0 written, 64 bad usage, 73 cannot create the file."
    })
public final class GenerateCommand implements Callable<Integer>
{
    @Mixin
    StreamOptions stream = new StreamOptions();

    @Parameters(index = "0", paramLabel = "OUT", description = "the BinaryFILE to write")
    Path out;

    @Option(names = "--messages", required = true, paramLabel = "N", description = "how many messages")
    long messages;

    @Option(names = "--flow", defaultValue = "independent", paramLabel = "F",
        description = "independent (default: each message drawn afresh) or clustered (a trading day's runs, " +
            "skewed stocks and short-lived orders)")
    String flow;

    @Option(names = "--end-of-session", description = "append a zero-length end-of-session record")
    boolean endOfSession;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Integer call()
    {
        if (messages < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--messages must be at least 1, not " + messages);
        }
        stream.check(spec.commandLine());
        final MarketGenerator.Flow generatorFlow;
        switch (flow)
        {
            case "independent":
                generatorFlow = MarketGenerator.Flow.INDEPENDENT;
                break;
            case "clustered":
                generatorFlow = MarketGenerator.Flow.CLUSTERED;
                break;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--flow must be independent or clustered, not '" + flow + "'");
        }
        final MarketGenerator generator = new MarketGenerator(stream.seed, stream.stocks, 1 << 20, generatorFlow, stream.subDollarPercent);
        final byte[] bytes = new byte[2 + 64];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        long timestamp = 34_200_000_000_000L; // 09:30:00
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))
        {
            for (long i = 0; i < messages; i++)
            {
                final int length = generator.next(buffer, 2, timestamp);
                buffer.putShort(0, (short)length, java.nio.ByteOrder.BIG_ENDIAN);
                os.write(bytes, 0, 2 + length);
                timestamp += 1_000;
            }
            if (endOfSession)
            {
                os.write(new byte[]{0, 0});
            }
        }
        catch (final IOException ex)
        {
            System.err.println("feed-handler generate: cannot write " + out + ": " + ex.getMessage());
            return 73;
        }
        System.err.printf("feed-handler generate: wrote %,d messages (%d stocks, seed %d) to %s%n",
            messages, stream.stocks, stream.seed, out);
        return ExitCodes.OK;
    }
}
