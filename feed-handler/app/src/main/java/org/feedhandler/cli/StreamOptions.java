package org.feedhandler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The generated stream's options that {@code demo}, {@code publish} and {@code generate} share, checked
 * the same way by each, with one message naming the option, its range and the value given.
 */
final class StreamOptions
{
    /** Stock Locates are u16; 0 is not a stock. */
    static final int MAX_STOCKS = 65535;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
        description = "seed of the generated stream (and of publish's fault injection); same seed, same bytes " +
            "(default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--stocks", defaultValue = "100", paramLabel = "N",
        description = "stocks in the generated stream, locates 1..N (default ${DEFAULT-VALUE})")
    int stocks;

    @Option(names = "--sub-dollar", defaultValue = "0", paramLabel = "PERCENT",
        description = "percent of the stocks priced below $1 and quoted in $0.0001 (default 0; 0 leaves the " +
            "stream as without the option)")
    int subDollarPercent;

    /**
     * @param cmd the command, for the usage text.
     * @throws CommandLine.ParameterException naming the first option out of range.
     */
    void check(final CommandLine cmd)
    {
        if (stocks < 1 || stocks > MAX_STOCKS)
        {
            throw new CommandLine.ParameterException(cmd, "--stocks must be in [1, " + MAX_STOCKS + "], not " + stocks);
        }
        if (subDollarPercent < 0 || subDollarPercent > 100)
        {
            throw new CommandLine.ParameterException(
                cmd, "--sub-dollar must be a percent in [0, 100], not " + subDollarPercent);
        }
    }
}
