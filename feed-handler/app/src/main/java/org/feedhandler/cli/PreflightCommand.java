package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.feedhandler.preflight.CheckResult;
import org.feedhandler.preflight.CpuSet;
import org.feedhandler.preflight.HostEnvironment;
import org.feedhandler.preflight.PreflightOptions;
import org.feedhandler.preflight.PreflightReport;
import org.feedhandler.preflight.Preflight;
import org.feedhandler.preflight.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code feed-handler preflight}: audit the host's tuning for the feed's CPUs and NIC and exit with
 * the verdict (0 ready, 1 not ready, 2 indeterminate, 64 bad usage, 78 bad configuration), the same
 * in every output format. Read-only.
 */
@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    description = {
        "Audit the host's tuning for the feed's CPUs and NIC; exit 0 ready, 1 not ready (a MUST check failed),",
        "2 indeterminate (a MUST check could not be determined), 64 bad usage, 78 bad configuration.",
        "Text output: one line per check (status severity id cpu observed expected source fix waived),",
        "then one verdict line."
    })
public final class PreflightCommand implements Callable<Integer>
{
    @Mixin
    ConfigOption config = new ConfigOption();

    /** Output formats. */
    public enum Format
    {
        text,
        json
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cpus", paramLabel = "LIST",
        description = "CPUs of the feed's hot threads, a cpulist of ids 0-" + CpuSet.MAX_CPU + " (e.g. 3 or 2-3); " +
            "default: feed.receiver.cpu.")
    String cpus;

    @Option(names = "--interface", paramLabel = "IF",
        description = "The feed NIC; default: feed.preflight.interface, else feed.udp.interface.a.")
    String interfaceName;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--waive", paramLabel = "ID", split = ",",
        description = "Check ids to waive (reported as waived, not counted); adds to feed.preflight.waive.")
    List<String> waive = new ArrayList<>();

    @Option(names = "--strict", description = "Also fail on SHOULD checks (warn).")
    boolean strict;

    @Option(names = "--host-root", paramLabel = "DIR",
        description = "Read /proc and /sys under DIR (a snapshot); ethtool is not run, its checks are unknown. " +
            "A DIR without proc/cmdline, proc/cpuinfo and sys/devices/system/cpu/online as text is no snapshot: " +
            "indeterminate, exit 2.")
    Path hostRoot;

    public Integer call()
    {
        final CommandLine cmd = spec.commandLine();
        final PrintWriter out = cmd.getOut();
        final PrintWriter err = cmd.getErr();

        final PreflightOptions options;
        try
        {
            final Settings settings = config.load();
            settings.rejectUnknownKeys(Configuration.knownKeys());
            options = PreflightOptions.fromSettings(settings);
        }
        catch (final ConfigurationException ex)
        {
            err.println("feed-handler: " + ex.getMessage());
            err.flush();
            return ExitCodes.CONFIG;
        }

        if (null != cpus)
        {
            try
            {
                options.cpus(CpuSet.parseList(cpus), "--cpus");
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.ParameterException(cmd, "--cpus: " + ex.getMessage());
            }
        }
        if (null != interfaceName)
        {
            options.interfaceName(interfaceName);
        }
        try
        {
            options.waive(PreflightOptions.parseWaivers(String.join(",", waive)));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(cmd, "--waive: " + ex.getMessage());
        }
        if (strict)
        {
            options.strict(true);
        }
        if (null != hostRoot)
        {
            if (!Files.isDirectory(hostRoot))
            {
                throw new CommandLine.ParameterException(cmd, "--host-root: not a directory: " + hostRoot);
            }
            final String missing = missingHostFiles(hostRoot);
            if (null != missing)
            {
                // not a snapshot of a Linux host: every host check would judge absent files, so judge nothing
                final String reason = "--host-root " + hostRoot + " is not a snapshot of a host's /proc and /sys " +
                    "(no " + missing + "): the host cannot be judged";
                if (format == Format.json)
                {
                    out.println(Json.object()
                        .put("verdict", Verdict.INDETERMINATE.label())
                        .put("exitCode", ExitCodes.INDETERMINATE)
                        .put("reason", reason)
                        .toPrettyString());
                }
                else
                {
                    out.println("verdict=" + Verdict.INDETERMINATE.label() + " exit=" + ExitCodes.INDETERMINATE +
                        " reason=\"" + reason + "\"");
                }
                out.flush();
                err.println("feed-handler preflight: " + reason);
                err.flush();
                return ExitCodes.INDETERMINATE;
            }
            options.hostRoot(hostRoot);
        }

        final PreflightReport report = Preflight.audit(options);
        if (format == Format.json)
        {
            out.println(toJson(report).toPrettyString());
        }
        else
        {
            out.print(report.toText(""));
        }
        out.flush();
        return report.exitCode();
    }

    /** Files every Linux host has, whose absence under --host-root means it is no snapshot of one. */
    static final String[] HOST_FILES = {"proc/cmdline", "proc/cpuinfo", "sys/devices/system/cpu/online"};

    /**
     * @param root a --host-root.
     * @return the first of {@link #HOST_FILES} missing or unreadable as text under it, or null when all are there.
     */
    static String missingHostFiles(final Path root)
    {
        for (final String name : HOST_FILES)
        {
            final Path file = root.resolve(name);
            if (!Files.isRegularFile(file) || !looksLikeText(file))
            {
                return name;
            }
        }
        return null;
    }

    private static boolean looksLikeText(final Path file)
    {
        try (java.io.InputStream in = Files.newInputStream(file))
        {
            final byte[] head = in.readNBytes(4096);
            for (final byte b : head)
            {
                if ((b < 0x20 && b != '\n' && b != '\t' && b != '\r') || b == 0x7F)
                {
                    return false;
                }
            }
            return head.length > 0;
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    /**
     * The machine-readable report: {@code {"verdict", "exitCode", "host", "checks": [...]}}.
     *
     * @param report the report.
     * @return it as JSON.
     */
    public static Json.ObjectValue toJson(final PreflightReport report)
    {
        final HostEnvironment env = report.environment();
        final Json.ObjectValue host = Json.object()
            .put("hostname", env.hostname())
            .put("kernel", env.kernel())
            .put("kind", env.kind())
            .put("virtualMachine", env.isVirtualMachine())
            .put("vmEvidence", env.vmEvidence())
            .put("container", env.isContainer())
            .put("containerEvidence", env.containerEvidence())
            .put("root", report.root())
            .put("cpus", report.cpus().toString())
            .put("interface", report.interfaceName())
            .put("strict", report.strict());

        final Json.ArrayValue checks = Json.array();
        for (final CheckResult result : report.results())
        {
            checks.add(Json.object()
                .put("id", result.id())
                .put("severity", result.severity().label())
                .put("status", result.status().label())
                .put("cpu", result.hasCpu() ? Json.of(result.cpu()) : Json.NULL)
                .put("observed", result.observed())
                .put("expected", result.expected())
                .put("source", result.source())
                .put("fix", result.fix())
                .put("waived", result.waived()));
        }

        return Json.object()
            .put("verdict", report.verdict().label())
            .put("exitCode", report.exitCode())
            .put("host", host)
            .put("checks", checks);
    }
}
