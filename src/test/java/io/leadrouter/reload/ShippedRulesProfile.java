package io.leadrouter.reload;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** A copy of the shipped rules and tables in a temp directory, watched fast, so a test may edit them on disk. */
public class ShippedRulesProfile implements QuarkusTestProfile {

    public static final Path ROOT = copyOfShippedRules();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "routing.rules-dir", ROOT.resolve("rules").toString(),
                "routing.decision-tables-dir", ROOT.resolve("decision-tables").toString(),
                "routing.reload.enabled", "true",
                "routing.reload.poll-interval", "100ms",
                "routing.reload.debounce", "300ms");
    }

    private static Path copyOfShippedRules() {
        try {
            Path root = Files.createTempDirectory("lead-router-shipped-");
            for (String dir : new String[]{"rules", "decision-tables"}) {
                Path source = Path.of(dir);
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Path target = root.resolve(dir).resolve(source.relativize(file).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
