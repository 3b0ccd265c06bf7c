package org.feedhandler.preflight;

import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreflightGateTest
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Settings mode(final String mode)
    {
        final Properties properties = new Properties();
        properties.setProperty("feed.preflight", mode);
        return Settings.of(properties, "test");
    }

    private String err()
    {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseToStartInEnforceModeWhenNotReady()
    {
        final PreflightGate.Outcome outcome = PreflightGate.check(mode("enforce"),
            Fixtures.options("distro-default", "2", "eth0"), err);
        assertFalse(outcome.start());
        assertEquals(1, outcome.exitCode());
        assertTrue(err().contains("preflight: error: fail    must   cpu.isolated"), err());
        assertTrue(err().contains("preflight: warning: warn    should cpu.nohz_full"), err());
        assertTrue(err().contains("preflight: refusing to start: the host is not_ready"), err());
        assertFalse(err().contains(" pass "), "passing checks are not repeated at start-up");
    }

    @Test
    void shouldRefuseToStartInEnforceModeWhenIndeterminate()
    {
        final PreflightGate.Outcome outcome = PreflightGate.check(mode("enforce"),
            Fixtures.options("vm", "1", "eth0"), err);
        assertFalse(outcome.start());
        assertEquals(2, outcome.exitCode());
        assertTrue(err().contains("preflight: error: unknown must   cpu.governor"), err());
    }

    @Test
    void shouldStartInEnforceModeWhenReady()
    {
        final PreflightGate.Outcome outcome = PreflightGate.check(mode("enforce"),
            Fixtures.options("tuned-baremetal", "2-3", "eth1"), err);
        assertTrue(outcome.start());
        assertEquals(0, outcome.exitCode());
        assertEquals(Verdict.READY, outcome.report().verdict());
        assertTrue(err().contains("preflight: verdict=ready"), err());
    }

    @Test
    void shouldStartWithWarningsInWarnMode()
    {
        final PreflightGate.Outcome outcome = PreflightGate.check(mode("warn"),
            Fixtures.options("distro-default", "2", "eth0"), err);
        assertTrue(outcome.start());
        assertEquals(PreflightMode.WARN, outcome.mode());
        assertEquals(Verdict.NOT_READY, outcome.report().verdict());
        assertFalse(err().contains("error:"), err());
        assertTrue(err().contains("preflight: warning: fail    must   cpu.isolated"), err());
        assertTrue(err().contains("starting anyway (feed.preflight=warn)"), err());
    }

    @Test
    void shouldSkipTheAuditLoudlyWhenOff()
    {
        final PreflightGate.Outcome outcome = PreflightGate.check(mode("off"),
            Fixtures.options("distro-default", "2", "eth0"), err);
        assertTrue(outcome.start());
        assertNull(outcome.report());
        assertTrue(err().contains("preflight: WARNING: host preflight is OFF"), err());
    }

    @Test
    void shouldRejectAnUnknownMode()
    {
        assertThrows(ConfigurationException.class, () -> PreflightMode.from(mode("maybe")));
        assertEquals(PreflightMode.ENFORCE, PreflightMode.from(Settings.of(new Properties(), "test")));
    }

    @Test
    void shouldBuildOptionsFromSettings()
    {
        final Properties properties = new Properties();
        properties.setProperty("feed.receiver.cpu", "3");
        properties.setProperty("feed.udp.interface.a", "eth2");
        properties.setProperty("feed.udp.group.b", "239.194.1.2:31002");
        properties.setProperty("feed.udp.rcvbuf", "8m");
        properties.setProperty("feed.preflight.waive", "cpu.governor, cpu.freq_floor");
        properties.setProperty("feed.preflight.strict", "true");
        final PreflightOptions options = PreflightOptions.fromSettings(Settings.of(properties, "test"));
        assertEquals(CpuSet.of(3), options.cpus());
        assertEquals("eth2", options.interfaceName());
        assertEquals(2, options.multicastGroups());
        assertEquals(8L << 20, options.receiveBufferBytes());
        assertEquals(2, options.waivers().size());
        assertTrue(options.strict());

        properties.setProperty("feed.preflight.interface", "eth5");
        properties.setProperty("feed.receiver.cpu", "-1");
        final PreflightOptions other = PreflightOptions.fromSettings(Settings.of(properties, "test"));
        assertEquals("eth5", other.interfaceName());
        assertTrue(other.cpus().isEmpty());
    }
}
