package org.feedhandler;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestDataTest
{
    @Test
    void shouldHoldVerbatimCopiesOfTheRealExchangeBytes() throws Exception
    {
        final List<String> sums = Files.readAllLines(TestData.realDirectory().resolve("SHA256SUMS"));
        assertTrue(sums.size() >= 8, "checksums: " + sums);
        for (final String line : sums)
        {
            final String[] parts = line.split("\\s+", 2);
            final Path file = TestData.real(parts[1]);
            final String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            assertEquals(parts[0], actual, file + " differs from the original");
        }
    }
}
