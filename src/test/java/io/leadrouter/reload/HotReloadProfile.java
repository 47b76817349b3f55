package io.leadrouter.reload;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Points the rule directories at a temp directory holding a tiny rule set of our own (not the example rules), and
 * watches it fast. Every test class with this profile shares one application and one directory: {@link #reset()}
 * puts the baseline files back.
 */
public class HotReloadProfile implements QuarkusTestProfile {

    public static final Path ROOT = createRoot();
    public static final Path RULES = ROOT.resolve("rules");
    public static final Path TABLES = ROOT.resolve("decision-tables");

    /** Assigns German leads; the rule name carries a marker so a test can tell versions apart by behaviour. */
    public static String assignDrl(String marker) {
        return """
                package t;
                import io.leadrouter.domain.*;
                global Routing routing;

                rule "A-1 germany %s"
                when
                    Lead(country == "DE")
                then
                    routing.routeToQueue("Germany-%s");
                end
                """.formatted(marker, marker);
    }

    public static final String SCORE_CSV = """
            RuleSet,score
            Import,io.leadrouter.domain.Lead
            Variables,io.leadrouter.domain.Routing routing
            ,
            RuleTable Scores,
            NAME,CONDITION,ACTION
            ,Lead,
            ,"country == ""$param""\","routing.addScore(10, ""$param"");"
            Rule,Country,Points
            S-1 germany,DE,DE
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "routing.rules-dir", RULES.toString(),
                "routing.decision-tables-dir", TABLES.toString(),
                "routing.reload.enabled", "true",
                "routing.reload.poll-interval", "100ms",
                "routing.reload.debounce", "200ms",
                "routing.reload.max-file-size", "64K");
    }

    /** The baseline: rules/assign.drl (marker "base") and decision-tables/score.csv, nothing else. */
    public static void reset() {
        try {
            for (Path dir : new Path[]{RULES, TABLES}) {
                if (Files.exists(dir)) {
                    try (Stream<Path> walk = Files.walk(dir)) {
                        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                            if (!p.equals(dir)) {
                                Files.delete(p);
                            }
                        }
                    }
                }
                Files.createDirectories(dir);
            }
            write("rules/assign.drl", assignDrl("base"));
            write("decision-tables/score.csv", SCORE_CSV);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(String path, String content) {
        try {
            Path file = ROOT.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("lead-router-rules-");
            Files.createDirectories(root.resolve("rules"));
            Files.createDirectories(root.resolve("decision-tables"));
            Files.writeString(root.resolve("rules/assign.drl"), assignDrl("base"));
            Files.writeString(root.resolve("decision-tables/score.csv"), SCORE_CSV);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
