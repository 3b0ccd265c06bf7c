package org.feedhandler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packages form one-way layers; a lower one never imports a higher one, and no two packages
 * import each other, directly or round a loop:
 * <pre>
 *   cli                                     every verb; may use everything below
 *   handler        sim                      the running handler; the exchange simulator
 *   subscriber                              consumes the SBE output feed over Aeron into books
 *   transport      preflight  normalized    sockets and Aeron; host audit (config only); the SBE output feed
 *   pipeline                                sequencer + decoder + books, one thread
 *   book                                    order books
 *   protocol                                wire formats (ITCH, MoldUDP64, BinaryFILE, pcap)
 *   config  latency  status  api  sbe       leaves: import only common (api, the public listener, and
 *                                           sbe, the codecs generated from the schema, import nothing)
 *   common                                  exit codes, JSON, /proc/net/snmp: imports nothing
 * </pre>
 * Protocol, book and pipeline take their settings from a concluded context and never read
 * configuration themselves, so config sits beside them rather than below them.
 * <p>
 * ArchUnit reads the bytecode, where the compiler has already inlined constants ({@code static final}
 * primitives and strings): a lower package that only used a higher one's constants would pass it. The
 * source imports are therefore checked against the same table too.
 */
class LayersTest
{
    private static final String ROOT = "org.feedhandler";
    /** The main sources of both modules: this one (app) and the library it depends on. */
    private static final List<Path> SOURCES = List.of(
        Path.of("src/main/java/org/feedhandler"), Path.of("../library/src/main/java/org/feedhandler"));
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.feedhandler\\.(\\w+)\\.", Pattern.MULTILINE);

    /** Each package and the packages it may use; every package may use itself. */
    private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static
    {
        MAY_USE.put("common", List.of());
        MAY_USE.put("config", List.of("common"));
        MAY_USE.put("latency", List.of("common"));
        MAY_USE.put("status", List.of("common"));
        MAY_USE.put("api", List.of());
        MAY_USE.put("sbe", List.of());
        MAY_USE.put("protocol", List.of("common"));
        MAY_USE.put("book", List.of("protocol", "common"));
        MAY_USE.put("pipeline", List.of("book", "protocol", "api", "latency", "common"));
        MAY_USE.put("transport", List.of("protocol", "config", "common"));
        MAY_USE.put("preflight", List.of("config", "common"));
        MAY_USE.put("normalized", List.of("api", "sbe", "common"));
        MAY_USE.put("subscriber", List.of("normalized", "book", "protocol", "api", "sbe", "common"));
        MAY_USE.put("handler", List.of(
            "transport", "preflight", "normalized", "pipeline", "book", "protocol", "api", "sbe",
            "config", "latency", "status", "common"));
        MAY_USE.put("sim", List.of("transport", "protocol", "config", "latency", "common"));
        MAY_USE.put("metrics", List.of("status", "common"));
        MAY_USE.put("plot", List.of("latency", "common"));
        MAY_USE.put("cli", List.of(
            "handler", "subscriber", "sim", "transport", "preflight", "normalized", "pipeline", "book", "protocol",
            "api", "sbe",
            "config", "latency", "status", "metrics", "plot", "common"));
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses()
    {
        classes = new ClassFileImporter()
            .importPaths(Path.of("target/classes"), Path.of("../library/target/classes"));
    }

    @Test
    void shouldOnlyDependDownwards()
    {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (final String layer : MAY_USE.keySet())
        {
            layers = layers.layer(layer).definedBy(ROOT + "." + layer + "..");
        }
        for (final Map.Entry<String, List<String>> entry : MAY_USE.entrySet())
        {
            layers = entry.getValue().isEmpty() ?
                layers.whereLayer(entry.getKey()).mayNotAccessAnyLayer() :
                layers.whereLayer(entry.getKey()).mayOnlyAccessLayers(entry.getValue().toArray(new String[0]));
        }
        layers.check(classes);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages()
    {
        slices().matching(ROOT + ".(**)")
            .should().beFreeOfCycles()
            .check(classes);
    }

    @Test
    void shouldImportOnlyDownwardsInTheSources() throws IOException
    {
        final List<String> upward = new ArrayList<>();
        for (final Path sources : SOURCES)
        {
            try (Stream<Path> files = Files.walk(sources))
            {
                for (final Path file : (Iterable<Path>)files.filter((f) -> f.toString().endsWith(".java"))::iterator)
                {
                    final String layer = sources.relativize(file).getName(0).toString();
                    final List<String> allowed = MAY_USE.get(layer);
                    final Matcher imported = IMPORT.matcher(Files.readString(file));
                    while (imported.find())
                    {
                        final String target = imported.group(1);
                        if (null == allowed || (!target.equals(layer) && !allowed.contains(target)))
                        {
                            upward.add(sources.relativize(file) + " imports " + ROOT + "." + target);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), upward, "a package may use only " + MAY_USE);
    }
}
