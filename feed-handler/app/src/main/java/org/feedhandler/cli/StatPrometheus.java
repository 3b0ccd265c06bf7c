package org.feedhandler.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.metrics.CountersMetrics;
import org.feedhandler.metrics.MetricsServer;
import org.feedhandler.status.CountersFileReader;

/**
 * {@code stat --format prometheus} and {@code stat --serve}: the counters file in the Prometheus text
 * exposition format, printed or served at {@code /metrics}, from the stat process.
 */
final class StatPrometheus
{
    private StatPrometheus()
    {
    }

    static String text(final CountersFileReader reader, final String feed, final boolean alive, final long nowMs)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try
        {
            CountersMetrics.writeText(bytes, CountersMetrics.snapshots(reader, feed, alive, nowMs));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Serve until interrupted (SIGINT/SIGTERM end the process).
     *
     * @return the exit status.
     */
    static int serve(
        final Path file, final String feed, final String address, final long livenessTimeoutMs,
        final PrintWriter out, final PrintWriter err)
    {
        final InetSocketAddress listen = MetricsServer.parseAddress(address);
        final CountersMetrics metrics = new CountersMetrics(file, feed, livenessTimeoutMs, System::currentTimeMillis);
        try (HTTPServer server = MetricsServer.start(metrics, listen))
        {
            final String host = listen.getHostString().isEmpty() ? "0.0.0.0" : listen.getHostString();
            out.println("stat: serving " + file + " at http://" + (host.contains(":") ? "[" + host + "]" : host) +
                ":" + server.getPort() + MetricsServer.PATH + " (Prometheus text format); Ctrl-C to stop");
            out.flush();
            new CountDownLatch(1).await();
        }
        catch (final IOException ex)
        {
            err.println("feed-handler stat: cannot serve on " + address + ": " + ex.getMessage() +
                " (port in use, or not an address of this host?)");
            err.flush();
            return ExitCodes.SOFTWARE;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
