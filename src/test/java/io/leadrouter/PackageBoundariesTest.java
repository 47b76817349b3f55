package io.leadrouter;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package rules of docs/architecture.md, read from the imports of {@code src/main/java}: only {@code engine/}
 * touches the KIE API, the rule authors' vocabulary depends on nothing, the webhooks use lead intake and the problem
 * type rather than the REST layer, and no two packages depend on each other.
 */
class PackageBoundariesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/leadrouter");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    @Test
    void onlyTheEngineTouchesTheKieApi() throws IOException {
        Map<String, Set<String>> imports = importsByPackage();
        List<String> offenders = new ArrayList<>();
        imports.forEach((pkg, imported) -> imported.stream()
                .filter(i -> i.startsWith("org.kie") || i.startsWith("org.drools"))
                .forEach(i -> offenders.add(pkg + " imports " + i)));
        assertTrue(offenders.stream().allMatch(o -> o.startsWith("engine ")), () -> String.join("\n", offenders));
    }

    @Test
    void theVocabularyAndTheProblemTypeDependOnNoOtherPackage() throws IOException {
        Map<String, Set<String>> deps = internalDependencies();
        assertEquals(Set.of(), deps.getOrDefault("domain", Set.of()), "domain/");
        assertEquals(Set.of(), deps.getOrDefault("problem", Set.of()), "problem/");
        assertEquals(Set.of(), deps.getOrDefault("decision", Set.of("domain")).stream()
                .filter(d -> !d.equals("domain")).collect(java.util.stream.Collectors.toSet()), "decision/");
    }

    @Test
    void webhooksDoNotGoThroughTheRestLayer() throws IOException {
        assertTrue(!internalDependencies().getOrDefault("webhook", Set.of()).contains("rest"),
                "webhook/ imports rest/: move what both need to intake/ or problem/");
    }

    @Test
    void noTwoPackagesDependOnEachOther() throws IOException {
        Map<String, Set<String>> deps = internalDependencies();
        List<String> cycles = new ArrayList<>();
        for (String from : deps.keySet()) {
            for (String to : deps.get(from)) {
                if (from.compareTo(to) < 0 && reaches(deps, to, from, new TreeSet<>())) {
                    cycles.add(from + " <-> " + to);
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    private static boolean reaches(Map<String, Set<String>> deps, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return deps.getOrDefault(from, Set.of()).stream().anyMatch(next -> reaches(deps, next, target, seen));
    }

    /** Top-level package (under io.leadrouter) → the other top-level packages it imports. */
    private static Map<String, Set<String>> internalDependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        importsByPackage().forEach((pkg, imported) -> imported.stream()
                .filter(i -> i.startsWith("io.leadrouter."))
                .map(i -> i.substring("io.leadrouter.".length()).split("\\.")[0])
                .filter(to -> !to.equals(pkg))
                .forEach(to -> deps.computeIfAbsent(pkg, k -> new TreeSet<>()).add(to)));
        return deps;
    }

    private static Map<String, Set<String>> importsByPackage() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    imports.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
        return imports;
    }
}
