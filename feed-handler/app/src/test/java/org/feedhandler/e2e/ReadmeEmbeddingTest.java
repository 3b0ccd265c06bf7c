package org.feedhandler.e2e;

import org.feedhandler.cli.ChildJvm;
import org.feedhandler.config.JvmFlags;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Embedding program, exactly as the README shows it: its one {@code ```java} block is
 * compiled against the test class path and run in a JVM of its own (the project's flags, the handler's
 * keys set with {@code -Dfeed.*} as a user would: a random group, small books, files under a temporary
 * directory, a yielding receiver), beside the simulator publishing on loopback. It must print top-of-book
 * lines, and stop cleanly on SIGTERM with its latency summaries written. So the snippet cannot rot.
 */
@Tag("integration")
@Timeout(180)
class ReadmeEmbeddingTest
{
    private static final Path README = Path.of("..", "..", "README.md");
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public final class (\\w+)");
    /** symbol, bid shares @ bid price | ask price x ask shares; a side without orders shows "-". */
    private static final Pattern LINE = Pattern.compile("\\S+ \\d+ @ (-|\\d+\\.\\d{4}) \\| (-|\\d+\\.\\d{4}) x \\d+");
    private static final int LINES_WANTED = 50;

    @TempDir
    Path dir;

    /** The blocks of the README's "## Embedding" section, up to the next section. */
    static List<String[]> embeddingBlocks() throws IOException
    {
        final String readme = Files.readString(README, StandardCharsets.UTF_8);
        final int start = readme.indexOf("\n## Embedding\n");
        assertTrue(start >= 0, "README.md has no \"## Embedding\" section");
        final int end = readme.indexOf("\n## ", start + 1);
        final Matcher blocks = BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        final List<String[]> found = new ArrayList<>();
        while (blocks.find())
        {
            found.add(new String[]{blocks.group(1), blocks.group(2)});
        }
        return found;
    }

    @Test
    void shouldCompileAndRunTheReadmesEmbeddingProgramBesideThePublisher() throws Exception
    {
        final List<String[]> blocks = embeddingBlocks();
        assertEquals(2, blocks.size(), "the Embedding section holds one ```xml block and one ```java block");
        assertEquals("xml", blocks.get(0)[0]);
        assertTrue(blocks.get(0)[1].contains("<artifactId>feed-handler-library</artifactId>"), blocks.get(0)[1]);
        assertEquals("java", blocks.get(1)[0]);
        final String source = blocks.get(1)[1];
        final long lines = source.lines().count();
        assertTrue(lines <= 60, "the Embedding program has " + lines + " lines, at most 60");
        final Matcher name = CLASS_NAME.matcher(source);
        assertTrue(name.find(), "no public final class in the Embedding program");

        final Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(source, name.group(1), classes);

        final InetSocketAddress group = Loopback.group();
        final Path counters = dir.resolve("counters.dat");
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JvmFlags.project());
        command.addAll(List.of("-Xmx512m",
            "-Dfeed.udp.group.a=" + E2e.endpoint(group),
            "-Dfeed.book.max.orders=262144", "-Dfeed.book.max.levels=65536",
            "-Dfeed.recovery.buffer.bytes=8m",
            "-Dfeed.receiver.idle.strategy=backoff",
            "-Dfeed.counters.file=" + counters,
            "-Dfeed.results.dir=" + dir.resolve("results"),
            "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"),
            name.group(1)));
        final ChildJvm program = ChildJvm.start(new ProcessBuilder(command).directory(dir.toFile()));
        final Process process = program.process();
        try
        {
            // the handler joins the group before it creates its counters file
            E2e.awaitTrue(() -> Files.exists(counters) || !process.isAlive(), 60_000,
                () -> "no counters file; " + program.err());
            assertTrue(process.isAlive(), () -> "the program exited: " + program.out() + program.err());
            final E2e.Sender sender = new E2e.Sender(
                E2e.publisher(E2e.udpChannel(group, null), new MidnightClock(), 99).rate(2_000).messages(200_000));
            try (sender)
            {
                E2e.awaitTrue(() -> program.out().lines().count() >= LINES_WANTED || !process.isAlive(), 60_000,
                    () -> "top-of-book lines: " + program.out() + "\nerr: " + program.err());
            }
        }
        finally
        {
            process.destroy(); // SIGTERM: the program's ShutdownSignalBarrier lets it close the handler
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }

        final List<String> printed = program.out().lines().toList();
        final String err = program.err();
        System.out.println("the README's program printed " + printed.size() + " lines, e.g. " +
            printed.subList(Math.max(0, printed.size() - 3), printed.size()) + "; stderr: " + err);
        assertTrue(printed.size() >= LINES_WANTED, "printed: " + printed + "\nerr: " + err);
        for (final String line : printed)
        {
            assertTrue(LINE.matcher(line).matches(), "not a top-of-book line: \"" + line + "\"; err: " + err);
        }
        assertTrue(printed.stream().anyMatch(l -> !l.startsWith(" ") && l.contains(".") && !l.contains("- |")),
            "a book with both sides: " + printed);
        assertTrue(!err.contains("Exception"), err);
        assertTrue(List.of(0, 143).contains(process.exitValue()), "exit " + process.exitValue() + ": " + err);
        try (Stream<Path> files = Files.walk(dir.resolve("results")))
        {
            assertTrue(files.anyMatch(p -> p.toString().endsWith("wire-book.hgrm")),
                "the handler was closed and wrote its latency summaries");
        }
    }

    private static void compile(final String program, final String className, final Path classes) throws IOException
    {
        final Path source = Files.createDirectories(classes.resolveSibling("src")).resolve(className + ".java");
        Files.writeString(source, program, StandardCharsets.UTF_8);
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8))
        {
            final boolean compiled = javac.getTask(null, files, diagnostics,
                List.of("--release", "17", "-Xlint:all,-path,-processing", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path")),
                null, files.getJavaFileObjects(source)).call();
            final List<String> problems = new ArrayList<>();
            for (final Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics())
            {
                if (Diagnostic.Kind.NOTE != d.getKind())
                {
                    problems.add(d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(null));
                }
            }
            assertTrue(compiled && problems.isEmpty(), "the README's program does not compile cleanly: " + problems);
        }
    }
}
