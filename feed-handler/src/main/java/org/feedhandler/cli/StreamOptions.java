package org.feedhandler.cli;

import picocli.CommandLine;

/**
 * The generated stream's options that {@code demo}, {@code publish} and {@code generate} share, checked
 * the same way by each, with one message naming the option, its range and the value given.
 */
final class StreamOptions
{
    /** Stock Locates are u16; 0 is not a stock. */
    static final int MAX_STOCKS = 65535;

    private StreamOptions()
    {
    }

    /**
     * @param cmd              the command, for the usage text.
     * @param stocks           {@code --stocks}.
     * @param subDollarPercent {@code --sub-dollar}.
     * @throws CommandLine.ParameterException naming the first option out of range.
     */
    static void check(final CommandLine cmd, final int stocks, final int subDollarPercent)
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
