package org.feedhandler.cli;

import org.feedhandler.config.JvmFlags;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A feed-handler verb in a JVM of its own, as scripts/feed-handler starts it, for what only a real
 * process shows: signals, exit statuses set by the JVM, child processes, -Xmx.
 */
public final class ChildJvm implements AutoCloseable
{
    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();

    private ChildJvm(final Process process)
    {
        this.process = process;
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /**
     * @param jvmOptions options before the main class, e.g. -Xmx64m.
     * @param args       the verb and its arguments.
     * @return the started process.
     * @throws IOException when it cannot start.
     */
    static ChildJvm start(final List<String> jvmOptions, final String... args) throws IOException
    {
        final ProcessBuilder builder = JvmFlags.childJvm(Main.class, List.of(args));
        final List<String> command = new ArrayList<>(builder.command());
        command.addAll(1, jvmOptions);
        builder.command(command);
        return new ChildJvm(builder.start());
    }

    /**
     * @param builder a command, e.g. from {@link JvmFlags#childJvm}.
     * @return the started process, its output collected.
     * @throws IOException when it cannot start.
     */
    public static ChildJvm start(final ProcessBuilder builder) throws IOException
    {
        return new ChildJvm(builder.start());
    }

    private static void pump(final InputStream in, final StringBuffer into)
    {
        final Thread thread = new Thread(() ->
        {
            final byte[] buffer = new byte[4096];
            try
            {
                int n;
                while ((n = in.read(buffer)) > 0)
                {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
            catch (final IOException ignore)
            {
                // the process has gone
            }
        }, "child-output");
        thread.setDaemon(true);
        thread.start();
    }

    public Process process()
    {
        return process;
    }

    public String out()
    {
        return out.toString();
    }

    public String err()
    {
        return err.toString();
    }

    /**
     * Wait until stdout or stderr holds the text.
     *
     * @param text the text.
     * @return true when it appeared; false when the process exited first.
     * @throws InterruptedException when interrupted.
     */
    boolean awaitOutput(final String text) throws InterruptedException
    {
        while (!out().contains(text) && !err().contains(text))
        {
            if (!process.isAlive())
            {
                return out().contains(text) || err().contains(text);
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Send a real signal with kill(1).
     *
     * @param pid    the process.
     * @param signal INT, TERM, HUP, KILL.
     * @throws Exception when kill fails.
     */
    static void kill(final long pid, final String signal) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-s", signal, String.valueOf(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0)
        {
            throw new IllegalStateException("kill -s " + signal + " " + pid + " failed");
        }
    }

    /**
     * @return the exit status, waiting at most a minute (a hung process fails the test, not the build).
     * @throws InterruptedException when interrupted.
     */
    public int exitStatus() throws InterruptedException
    {
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            throw new AssertionError("still running after 60 s; out: " + out() + "\nerr: " + err());
        }
        return process.exitValue();
    }

    public void close()
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
