package io.leadrouter.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the rule files under the rules and decision-table directories, skipping editor and Excel temp files and the
 * {@value #TESTS_DIR}/ folder of each (sales ops' rule test cases, which are CSV or workbooks too but not rules).
 */
public final class RuleSourceReader {

    /** The folder, directly under a rule directory, that holds rule test cases rather than rules. */
    public static final String TESTS_DIR = "tests";

    private RuleSourceReader() {
    }

    /**
     * @param rulesDir  holds {@code *.drl}; decision tables found there load too
     * @param tablesDir holds {@code *.xlsx}, {@code *.xls}, {@code *.csv}; DRL found there loads too
     */
    public static RuleSourceSet read(Path rulesDir, Path tablesDir) {
        List<RuleSource> sources = new ArrayList<>();
        readInto(rulesDir, sources);
        if (!tablesDir.toAbsolutePath().normalize().equals(rulesDir.toAbsolutePath().normalize())) {
            readInto(tablesDir, sources);
        }
        return new RuleSourceSet(sources);
    }

    /**
     * True for files an editor or Excel leaves beside the real one while it works: Excel's {@code ~$name.xlsx},
     * LibreOffice's {@code .~lock.name#}, vim's {@code .swp}, {@code .tmp}, and hidden files.
     */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("~$") || name.startsWith(".") || name.endsWith("#") || name.endsWith("~")
                || name.endsWith(".swp") || name.endsWith(".swx") || name.endsWith(".tmp");
    }

    /** True for a file that would be compiled: a rule file that is not temporary. */
    public static boolean isRuleFile(Path file) {
        return !isTemporary(file) && RuleSource.kindOf(file.getFileName().toString()) != null;
    }

    private static void readInto(Path dir, List<RuleSource> sources) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(RuleSourceReader::isRuleFile)
                    .filter(file -> !isTestCase(dir, file)).toList()) {
                sources.add(new RuleSource(displayPath(dir, file), Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rule files under " + dir, e);
        }
    }

    /** True for a file under {@code dir}/{@value #TESTS_DIR}/: a rule test case, never compiled as a rule. */
    public static boolean isTestCase(Path dir, Path file) {
        Path relative = dir.relativize(file);
        return relative.getNameCount() > 1 && relative.getName(0).toString().equals(TESTS_DIR);
    }

    /**
     * How a file under {@code dir} is named in a {@link RuleSource}: the directory's own name plus the relative path
     * ({@code rules/foo.drl}), as the API names it. Never where the directory is: instances with their rules under
     * different paths must name (and hash) the same files alike, or one rule set would be two versions in a cluster.
     */
    public static String displayPath(Path dir, Path file) {
        String name = directoryName(dir);
        String relative = dir.relativize(file).toString().replace('\\', '/');
        return name.isEmpty() ? relative : name + "/" + relative;
    }

    /** The directory's own name ({@code rules} for {@code /srv/lead-router/rules}), the first segment of API paths. */
    public static String directoryName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "" : name.toString();
    }
}
