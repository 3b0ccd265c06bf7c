package org.feedhandler.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HostFilesTest
{
    /**
     * The one-byte trap needs a real /proc/sys file (size 0, EOF on a read at an offset): no fixture
     * file can reproduce it. On Linux this reads the real ones and checks HostFiles gets them whole.
     */
    @Test
    void shouldReadProcSysFilesWholeWhereReadAllBytesReturnsOneByte() throws IOException
    {
        final Path osrelease = Path.of("/proc/sys/kernel/osrelease");
        assumeTrue(Files.isReadable(osrelease), "needs Linux /proc/sys");

        final String expected;
        try (BufferedReader reader = Files.newBufferedReader(osrelease, StandardCharsets.US_ASCII))
        {
            expected = reader.readLine();
        }
        assertTrue(expected.length() > 1, "a kernel release is longer than one byte");
        assertEquals(expected, HostFiles.live().readTrimmed("/proc/sys/kernel/osrelease"));

        final Path rmemMax = Path.of("/proc/sys/net/core/rmem_max");
        if (Files.isReadable(rmemMax))
        {
            try (BufferedReader reader = Files.newBufferedReader(rmemMax, StandardCharsets.US_ASCII))
            {
                assertEquals(reader.readLine().trim(), HostFiles.live().readTrimmed("/proc/sys/net/core/rmem_max"));
            }
        }
    }

    @Test
    void shouldReadMultiDigitSysctlValuesFromFixtures()
    {
        // a one-byte read would turn 16777216 into 1 and fail net.rmem; 10 into 1 and pass swappiness
        final HostFiles files = HostFiles.under(Fixtures.root("tuned-baremetal"));
        assertEquals("16777216", files.readTrimmed("/proc/sys/net/core/rmem_max"));
        assertEquals("10", files.readTrimmed("/proc/sys/vm/swappiness"));
        assertEquals("-1", files.readTrimmed("/proc/sys/kernel/sched_rt_runtime_us"));
    }

    @Test
    void shouldReadFilesLargerThanTheFirstBuffer(@TempDir final Path root) throws IOException
    {
        final StringBuilder big = new StringBuilder();
        while (big.length() < 3 * HostFiles.READ_BUFFER_SIZE + 17)
        {
            big.append("flags\t\t: fpu vme de pse tsc msr constant_tsc nonstop_tsc\n");
        }
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cpuinfo"), big);
        assertEquals(big.toString(), HostFiles.under(root).read("/proc/cpuinfo"));
    }

    @Test
    void shouldReturnNullForAbsentFilesAndEmptyListForAbsentDirectories(@TempDir final Path root)
    {
        final HostFiles files = HostFiles.under(root);
        assertNull(files.read("/proc/sys/vm/swappiness"));
        assertTrue(files.list("/proc/irq").isEmpty());
        assertFalse(files.isLiveHost());
        assertTrue(HostFiles.live().isLiveHost());
    }

    @Test
    void shouldResolveSymlinksInsideTheRoot()
    {
        final HostFiles files = HostFiles.under(Fixtures.root("vm"));
        assertEquals("/sys/devices/pci0000:00/0000:00:03.0/virtio2", files.realPath("/sys/class/net/eth0/device"));
        assertNull(files.realPath("/sys/class/net/eth9/device"));
    }

    @Test
    void shouldReadProcAndSysOnlyThroughHostFiles() throws IOException
    {
        final Pattern trap = Pattern.compile("Files\\.(readAllBytes|readString|readAllLines|lines)\\(");
        final List<String> offenders = new ArrayList<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/feedhandler/preflight")))
        {
            for (final Path source : (Iterable<Path>)sources::iterator)
            {
                if (trap.matcher(Files.readString(source)).find())
                {
                    offenders.add(source.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "use HostFiles: Files.readAllBytes/readString return one byte of /proc/sys");
    }
}
