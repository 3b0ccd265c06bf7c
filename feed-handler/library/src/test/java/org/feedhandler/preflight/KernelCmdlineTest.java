package org.feedhandler.preflight;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelCmdlineTest
{
    @Test
    void shouldStopParsingAtLoneDoubleDash()
    {
        final KernelCmdline cmdline = KernelCmdline.parse(
            "root=/dev/vda1 isolcpus=1 -- idle=poll isolcpus=0 --firecracker-init\n");
        assertEquals("1", cmdline.get("isolcpus"));
        assertFalse(cmdline.has("idle"));
        assertFalse(cmdline.has("--firecracker-init"));
        assertEquals("root=/dev/vda1 isolcpus=1", cmdline.toString());
    }

    @Test
    void shouldNotStopAtDoubleDashInsideAWord()
    {
        final KernelCmdline cmdline = KernelCmdline.parse("a=--b c--d nohz_full=2");
        assertEquals("--b", cmdline.get("a"));
        assertEquals("2", cmdline.get("nohz_full"));
    }

    @Test
    void shouldSplitIsolcpusFlagsFromTheList()
    {
        final KernelCmdline cmdline = KernelCmdline.parse("isolcpus=managed_irq,domain,2-3,8");
        assertEquals(List.of("managed_irq", "domain"), cmdline.flags("isolcpus"));
        assertEquals("2-3,8", cmdline.cpus("isolcpus").toString());
        assertTrue(cmdline.cpus("nohz_full").isEmpty());
    }

    @Test
    void shouldKeepQuotedValuesWithSpacesAndTheLastOfRepeatedParameters()
    {
        final KernelCmdline cmdline = KernelCmdline.parse("dyndbg=\"file a.c +p\" rcu_nocbs=1 rcu_nocbs=2-3 quiet");
        assertEquals("file a.c +p", cmdline.get("dyndbg"));
        assertEquals("2-3", cmdline.cpus("rcu_nocbs").toString());
        assertEquals("", cmdline.get("quiet"));
        assertNull(cmdline.get("absent"));
    }

    @Test
    void shouldParseNothingFromNull()
    {
        assertTrue(KernelCmdline.parse(null).parameters().isEmpty());
    }
}
