package org.feedhandler.preflight;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Tag("integration")
@Timeout(20)
class CommandRunnerTest
{
    @Test
    void shouldCaptureOutputAndExitCodeOfARealCommand()
    {
        final CommandRunner.Output out = CommandRunner.system().run(List.of("sh", "-c", "echo offload; echo err >&2; exit 3"));
        assertEquals(3, out.exitCode());
        assertEquals("offload\nerr\n", out.text());
    }

    @Test
    void shouldReturnNullWhenTheCommandIsNotInstalled()
    {
        assertNull(CommandRunner.system().run(List.of("no-such-command-feed-handler")));
    }

    @Test
    void shouldGiveUpOnACommandThatHangs()
    {
        assertNull(CommandRunner.system().run(List.of("sleep", "30")));
    }
}
