package org.feedhandler.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Serves metrics at {@code /metrics} over HTTP with the Prometheus client's own server, in the process that
 * reads the counters file ({@code stat --serve}), never the handler's.
 */
public final class MetricsServer
{
    public static final String PATH = "/metrics";

    private MetricsServer()
    {
    }

    /**
     * Parse {@code [ADDR:]PORT}: {@code 9464}, {@code 127.0.0.1:9464}, {@code [::1]:9464}; port 0 asks
     * for an ephemeral port.
     *
     * @param value the option's value.
     * @return the address, unresolved; its host is empty for every interface.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static InetSocketAddress parseAddress(final String value)
    {
        final int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        final String portText = value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        final int port;
        try
        {
            port = Integer.parseInt(portText);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + value + "' is not [ADDR:]PORT (e.g. 9464 or 127.0.0.1:9464)");
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port " + port + " out of range [0, 65535]");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Start serving.
     *
     * @param collector what each scrape collects.
     * @param address   where to listen; an empty host listens on every interface.
     * @return the running server; {@link HTTPServer#getPort()} tells an ephemeral port, close it to stop.
     * @throws IOException when the address cannot be bound.
     */
    public static HTTPServer start(final MultiCollector collector, final InetSocketAddress address) throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(collector);
        final HTTPServer.Builder builder = HTTPServer.builder().port(address.getPort()).registry(registry)
            .metricsHandlerPath(PATH);
        if (!address.getHostString().isEmpty())
        {
            builder.hostname(address.getHostString());
        }
        return builder.buildAndStart();
    }
}
