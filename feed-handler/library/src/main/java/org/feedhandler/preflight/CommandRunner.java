package org.feedhandler.preflight;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Path output = null;
            try
            {
                // output to a file, so a command that hangs cannot block us on a full pipe or an open stream
                output = Files.createTempFile("feed-handler-preflight", ".out");
                final Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
                if (!process.waitFor(3, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                    return null;
                }
                return new Output(process.exitValue(), HostFiles.readPath(output));
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
            finally
            {
                if (null != output)
                {
                    try
                    {
                        Files.deleteIfExists(output);
                    }
                    catch (final IOException ignore)
                    {
                        // a temp file left behind is harmless
                    }
                }
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
