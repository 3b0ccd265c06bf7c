package org.feedhandler.latency;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Each run writes its files into {@code <results.dir>/<yyyyMMdd-HHmmss>-<label>/}, the time in UTC. Two runs
 * in the same second with the same label get {@code -2}, {@code -3}, ... appended rather than sharing one.
 */
public final class ResultsDirectory
{
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ResultsDirectory()
    {
    }

    /**
     * Create the run's directory.
     *
     * @param resultsDir  the parent, created when missing ({@code feed.results.dir}).
     * @param label       what ran, e.g. {@code demo}; characters other than letters, digits, '.', '_' and '-'
     *                    become '_'.
     * @param epochMillis the run's start time.
     * @return the new, empty directory.
     * @throws IOException when it cannot be created.
     */
    public static Path create(final Path resultsDir, final String label, final long epochMillis) throws IOException
    {
        Files.createDirectories(resultsDir);
        final String base = STAMP.format(Instant.ofEpochMilli(epochMillis)) + "-" + sanitise(label);
        for (int attempt = 1; ; attempt++)
        {
            final Path dir = resultsDir.resolve(1 == attempt ? base : base + "-" + attempt);
            try
            {
                return Files.createDirectory(dir);
            }
            catch (final FileAlreadyExistsException ex)
            {
                if (attempt >= 1000)
                {
                    throw ex;
                }
            }
        }
    }

    static String sanitise(final String label)
    {
        final StringBuilder sb = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++)
        {
            final char c = label.charAt(i);
            final boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                '.' == c || '_' == c || '-' == c;
            sb.append(plain ? c : '_');
        }
        return 0 == sb.length() ? "run" : sb.toString();
    }
}
