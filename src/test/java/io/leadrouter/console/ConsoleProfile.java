package io.leadrouter.console;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The console tests' own copy of the shipped rules and decision tables in a temp directory: their uploads, deletes
 * and rollbacks never touch the repository's rules/ or another test's directories.
 */
public class ConsoleProfile implements QuarkusTestProfile {

    public static final Path ROOT = copyOfShippedRules();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "routing.rules-dir", ROOT.resolve("rules").toString(),
                "routing.decision-tables-dir", ROOT.resolve("decision-tables").toString());
    }

    private static Path copyOfShippedRules() {
        try {
            Path root = Files.createTempDirectory("lead-router-console-");
            for (String dir : new String[]{"rules", "decision-tables"}) {
                Path source = Path.of(dir);
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Path target = root.resolve(dir).resolve(source.relativize(file));
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
