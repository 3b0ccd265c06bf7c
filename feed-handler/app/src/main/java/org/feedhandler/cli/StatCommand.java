package org.feedhandler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.feedhandler.status.CountersFile;
import org.feedhandler.status.CountersFileReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feed-handler stat}: print the counters of a running (or crashed) handler from its memory-mapped
 * counters file, like Aeron's {@code AeronStat}. Runs as a separate process and maps the file read-only.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = "Print the counters of a running handler from its memory-mapped counters file, with the " +
        "writer's PID and whether it is alive (its process exists and its heartbeat is under 5 s old). " +
        "A crashed handler's file is kept for post-mortem and shown as DEAD.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:counters printed",
        "65:the file is not a counters file (or is still being initialised)",
        "66:no counters file (is the handler running?)",
        "78:bad configuration",
    })
public final class StatCommand implements Callable<Integer>
{
    @Mixin
    ConfigOption config = new ConfigOption();

    @Mixin
    JsonOption output = new JsonOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--counters-file", paramLabel = "FILE",
        description = "Counters file (default: feed.counters.file from the configuration, " +
        Configuration.COUNTERS_FILE_DEFAULT + ").")
    Path countersFile;

    @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "1",
        description = "Repeat every SECONDS (default 1) until interrupted.")
    Double watchSeconds;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "text (default), json (as --json) or prometheus (the Prometheus text exposition format).")
    String format;

    @Option(names = "--serve", paramLabel = "[ADDR:]PORT",
        description = "Serve the counters in the Prometheus format at http://ADDR:PORT/metrics until stopped, " +
        "reading the file at each scrape (default ADDR: every interface).")
    String serve;

    @Option(names = "--feed", paramLabel = "NAME",
        description = "The feed label of the Prometheus metrics (default: the counters file's path).")
    String feed;

    @Option(names = "--liveness-timeout-ms", paramLabel = "MS", hidden = true,
        description = "Heartbeat age above which the writer is reported dead.")
    long livenessTimeoutMs = CountersFile.DEFAULT_LIVENESS_TIMEOUT_MS;

    /** One counter, as read. */
    record Counter(int id, int typeId, String label, long value)
    {
    }

    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Path file;
        try
        {
            file = resolveFile();
        }
        catch (final ConfigurationException ex)
        {
            err.println("feed-handler stat: " + ex.getMessage());
            return ExitCodes.CONFIG;
        }

        if (null != format && !format.matches("text|json|prometheus"))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--format must be text, json or prometheus, not '" + format + "'");
        }
        if (null != serve)
        {
            try
            {
                return StatPrometheus.serve(file, feedLabel(file), serve, livenessTimeoutMs, out, err);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--serve: " + ex.getMessage());
            }
        }

        if (null != watchSeconds && !(watchSeconds > 0))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--watch SECONDS must be > 0");
        }

        if (null == watchSeconds)
        {
            return printOnce(file, out, err, false);
        }

        final long sleepMs = Math.max(1, Math.round(watchSeconds * 1000));
        try
        {
            while (true)
            {
                printOnce(file, out, err, true);
                Thread.sleep(sleepMs);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }

    private String feedLabel(final Path file)
    {
        return null != feed ? feed : file.toString();
    }

    private Path resolveFile()
    {
        if (null != countersFile)
        {
            return countersFile;
        }
        final Settings settings = config.load();
        return Path.of(settings.string(Configuration.COUNTERS_FILE_PROP_NAME, Configuration.COUNTERS_FILE_DEFAULT));
    }

    private int printOnce(final Path file, final PrintWriter out, final PrintWriter err, final boolean watching)
    {
        final long nowMs = System.currentTimeMillis();
        try (CountersFileReader reader = CountersFileReader.open(file))
        {
            final List<Counter> counters = new ArrayList<>();
            reader.countersReader().forEach(
                (id, typeId, key, label) -> counters.add(
                    new Counter(id, typeId, label, reader.countersReader().getCounterValue(id))));
            final boolean alive = reader.isWriterAlive(nowMs, livenessTimeoutMs);
            if ("prometheus".equals(format))
            {
                out.print(StatPrometheus.text(reader, feedLabel(file), alive, nowMs));
            }
            else if (output.json || "json".equals(format))
            {
                out.println(json(file, reader, alive, nowMs, counters));
            }
            else
            {
                out.print(text(file, reader, alive, nowMs, counters));
                if (watching)
                {
                    out.println();
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
        catch (final NoSuchFileException ex)
        {
            err.println("feed-handler stat: no counters file at " + file + " (is the handler running? " +
                "the path is " + Configuration.COUNTERS_FILE_PROP_NAME + ", or give --counters-file)");
            err.flush();
            return ExitCodes.NO_INPUT;
        }
        catch (final CountersFileReader.NotACountersFileException ex)
        {
            err.println("feed-handler stat: " + ex.getMessage());
            err.flush();
            return ExitCodes.DATA;
        }
        catch (final IOException ex)
        {
            err.println("feed-handler stat: cannot read " + file + ": " + ex);
            err.flush();
            return ExitCodes.NO_INPUT;
        }
    }

    static String text(
        final Path file, final CountersFileReader reader, final boolean alive, final long nowMs,
        final List<Counter> counters)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("counters file ").append(file).append('\n');
        sb.append("writer pid ").append(reader.pid()).append(' ').append(alive ? "alive" : "DEAD")
            .append(" (heartbeat ").append(reader.heartbeatAgeMs(nowMs)).append(" ms ago, started ")
            .append(Instant.ofEpochMilli(reader.startTimeMs())).append(")\n");

        int labelWidth = 0;
        int valueWidth = 1;
        for (final Counter c : counters)
        {
            labelWidth = Math.max(labelWidth, c.label().length());
            valueWidth = Math.max(valueWidth, Long.toString(c.value()).length());
        }
        for (final Counter c : counters)
        {
            sb.append(c.label());
            for (int i = c.label().length(); i < labelWidth + 2; i++)
            {
                sb.append(' ');
            }
            final String value = Long.toString(c.value());
            for (int i = value.length(); i < valueWidth; i++)
            {
                sb.append(' ');
            }
            sb.append(value).append('\n');
        }
        return sb.toString();
    }

    static String json(
        final Path file, final CountersFileReader reader, final boolean alive, final long nowMs,
        final List<Counter> counters)
    {
        final Json.ArrayValue values = Json.array();
        for (final Counter c : counters)
        {
            values.add(Json.object()
                .put("id", c.id())
                .put("typeId", c.typeId())
                .put("label", c.label())
                .put("value", c.value()));
        }
        return Json.object()
            .put("file", file.toString())
            .put("version", reader.version())
            .put("pid", reader.pid())
            .put("alive", alive)
            .put("startTimeMs", reader.startTimeMs())
            .put("heartbeatAgeMs", reader.heartbeatAgeMs(nowMs))
            .put("counters", values)
            .toJson(false);
    }
}
