package org.feedhandler.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.agrona.concurrent.status.CountersReader;
import org.feedhandler.status.CountersFileReader;
import org.feedhandler.status.FeedCounters;

/**
 * A counters file as Prometheus metrics: each counter becomes {@code feedhandler_<label with underscores>},
 * a counter ({@code _total}) unless it is a level ({@link #isGauge(int)}), labelled with the feed's name
 * and the writer's PID, with its label as help. {@code feedhandler_up}, {@code feedhandler_start_time_seconds}
 * and {@code feedhandler_heartbeat_age_seconds} describe the writer.
 * <p>
 * As a {@link MultiCollector} it maps the file afresh at every scrape, so a restarted handler's new file
 * is picked up; a missing or unreadable file scrapes as {@code feedhandler_up 0} rather than an error.
 */
public final class CountersMetrics implements MultiCollector
{
    public static final String PREFIX = "feedhandler_";
    public static final String FEED_LABEL = "feed";
    public static final String PID_LABEL = "pid";

    private static final String UP_HELP =
        "1 while the handler writing the counters file is alive (process exists, heartbeat recent), else 0";
    private static final String[] RESERVED_SUFFIXES = {"_total", "_created", "_bucket", "_count", "_sum", "_info"};

    private final Path file;
    private final String feed;
    private final long livenessTimeoutMs;
    private final LongSupplier epochClockMs;

    /**
     * @param file              the counters file.
     * @param feed              the value of the {@value #FEED_LABEL} label.
     * @param livenessTimeoutMs heartbeat age above which the writer is reported down.
     * @param epochClockMs      wall clock, epoch milliseconds.
     */
    public CountersMetrics(
        final Path file, final String feed, final long livenessTimeoutMs, final LongSupplier epochClockMs)
    {
        this.file = file;
        this.feed = feed;
        this.livenessTimeoutMs = livenessTimeoutMs;
        this.epochClockMs = epochClockMs;
    }

    public MetricSnapshots collect()
    {
        final long nowMs = epochClockMs.getAsLong();
        try (CountersFileReader reader = CountersFileReader.open(file))
        {
            return snapshots(reader, feed, reader.isWriterAlive(nowMs, livenessTimeoutMs), nowMs);
        }
        catch (final IOException ex)
        {
            return MetricSnapshots.of(gauge(PREFIX + "up", UP_HELP + " (" + file + ": " + ex.getMessage() + ")",
                Labels.of(FEED_LABEL, feed), 0));
        }
    }

    /**
     * The metrics of an open counters file.
     *
     * @param reader the file.
     * @param feed   the value of the {@value #FEED_LABEL} label.
     * @param alive  whether its writer is alive.
     * @param nowMs  wall clock, epoch milliseconds.
     * @return one snapshot per counter, then the writer's.
     */
    public static MetricSnapshots snapshots(
        final CountersFileReader reader, final String feed, final boolean alive, final long nowMs)
    {
        final Labels labels = Labels.of(FEED_LABEL, feed, PID_LABEL, Long.toString(reader.pid()));
        final List<MetricSnapshot> metrics = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        names.add(PREFIX + "up");
        names.add(PREFIX + "start_time_seconds");
        names.add(PREFIX + "heartbeat_age_seconds");
        final CountersReader counters = reader.countersReader();
        counters.forEach((id, typeId, key, label) ->
        {
            final long value = counters.getCounterValue(id);
            final boolean gauge = isGauge(typeId) || value < 0;
            final String name = uniqueName(metricName(label, id, gauge), id, names);
            final String help = label.isBlank() ? "counter " + id : label;
            metrics.add(gauge ? gauge(name, help, labels, value) : counter(name, help, labels, value));
        });
        metrics.add(gauge(PREFIX + "up", UP_HELP, labels, alive ? 1 : 0));
        metrics.add(gauge(PREFIX + "start_time_seconds", "when the handler started, seconds since the epoch",
            labels, reader.startTimeMs() / 1000.0));
        metrics.add(gauge(PREFIX + "heartbeat_age_seconds", "seconds since the handler's last heartbeat",
            labels, reader.heartbeatAgeMs(nowMs) / 1000.0));
        return new MetricSnapshots(metrics);
    }

    /**
     * Write metrics in the Prometheus text exposition format (version 0.0.4).
     *
     * @param out       to write to.
     * @param snapshots the metrics.
     * @throws IOException when out fails.
     */
    public static void writeText(final OutputStream out, final MetricSnapshots snapshots) throws IOException
    {
        PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
    }

    /**
     * Levels, which go up and down, rather than counts, which only grow.
     *
     * @param typeId the counter's type id ({@link FeedCounters}).
     * @return true for a gauge, false for a counter.
     */
    public static boolean isGauge(final int typeId)
    {
        return FeedCounters.LONGEST_DUTY_CYCLE_TYPE_ID == typeId ||
            FeedCounters.STALE_BOOKS_TYPE_ID == typeId ||
            FeedCounters.LINE_SILENT_TYPE_ID == typeId ||
            FeedCounters.SNAPSHOT_SEQUENCE_TYPE_ID == typeId ||
            FeedCounters.SNAPSHOT_STATE_TYPE_ID == typeId;
    }

    /**
     * {@code feedhandler_} and the label in lower case, each run of other characters than letters and
     * digits one underscore: {@code "line A packets"} is {@code feedhandler_line_a_packets}. A suffix the
     * format reserves is dropped ({@code _total} is the writer's to add to a counter).
     *
     * @param label the counter's label.
     * @param id    the counter's id, names a counter whose label has no letter or digit.
     * @param gauge true for a gauge.
     * @return the metric name, without {@code _total}.
     */
    public static String metricName(final String label, final int id, final boolean gauge)
    {
        final StringBuilder sb = new StringBuilder(PREFIX.length() + label.length()).append(PREFIX);
        boolean separator = false;
        for (int i = 0; i < label.length(); i++)
        {
            final char c = Character.toLowerCase(label.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            {
                if (separator && sb.length() > PREFIX.length())
                {
                    sb.append('_');
                }
                separator = false;
                sb.append(c);
            }
            else
            {
                separator = true;
            }
        }
        if (sb.length() == PREFIX.length())
        {
            sb.append("counter_").append(id);
        }
        String name = sb.toString();
        for (final String suffix : RESERVED_SUFFIXES)
        {
            if (name.endsWith(suffix) && name.length() > PREFIX.length() + suffix.length())
            {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static String uniqueName(final String name, final int id, final Set<String> names)
    {
        final String unique = names.contains(name) ? name + "_" + id : name;
        names.add(unique);
        return unique;
    }

    private static CounterSnapshot counter(final String name, final String help, final Labels labels, final long value)
    {
        return CounterSnapshot.builder().name(name).help(help)
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build())
            .build();
    }

    private static GaugeSnapshot gauge(final String name, final String help, final Labels labels, final double value)
    {
        return GaugeSnapshot.builder().name(name).help(help)
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build())
            .build();
    }
}
