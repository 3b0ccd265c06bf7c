package org.feedhandler.preflight;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the few external commands a check needs ({@code ethtool}: GRO/LRO and coalescing live in no
 * file). Injected so tests can give canned output; never used under {@code --host-root}.
 */
@FunctionalInterface
public interface CommandRunner
{
    /**
     * Output of a finished command.
     */
    final class Output
    {
        private final int exitCode;
        private final String text;

        public Output(final int exitCode, final String text)
        {
            this.exitCode = exitCode;
            this.text = text;
        }

        public int exitCode()
        {
            return exitCode;
        }

        /**
         * @return standard output and standard error, merged.
         */
        public String text()
        {
            return text;
        }
    }

    /**
     * @param command the program and its arguments.
     * @return its output, or null when the program is not installed or did not finish in time.
     */
    Output run(List<String> command);

    /**
     * @return a runner for real processes with a 3-second limit.
     */
    static CommandRunner system()
    {
        return command ->
        {
            try
            {
                final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                final String text;
                try (InputStream in = process.getInputStream())
                {
                    text = new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
                }
                if (!process.waitFor(3, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                    return null;
                }
                return new Output(process.exitValue(), text);
            }
            catch (final IOException ex)
            {
                return null;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return null;
            }
        };
    }

    /**
     * @return a runner that finds nothing installed.
     */
    static CommandRunner none()
    {
        return command -> null;
    }
}
