package io.leadrouter.reload;

import io.leadrouter.config.ReloadConfig;
import io.leadrouter.config.RoutingConfig;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceReader;
import io.leadrouter.engine.RuleSourceSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rule files on disk as the API names them: {@code rules/foo.drl} is {@code foo.drl} in the configured rules
 * directory, {@code decision-tables/bar.xlsx} is in the decision-tables directory (the first segment is the
 * directory's own name). Writes are atomic per file, so the watcher and the reader never see half a file.
 */
@ApplicationScoped
public class RuleFileStore {

    /**
     * A validated rule file.
     *
     * @param apiPath    {@code rules/foo.drl}
     * @param file       where it lives on disk
     * @param sourcePath its name in a {@link RuleSourceSet} read from disk (the API path), so candidate sets hash like
     *                   disk reads
     */
    public record RuleFile(String apiPath, Path file, String sourcePath) {
    }

    private final Path rulesDir;
    private final Path tablesDir;
    private final long maxFileSize;

    public RuleFileStore(RoutingConfig routing, ReloadConfig reload) {
        this.rulesDir = Path.of(routing.rulesDir());
        this.tablesDir = Path.of(routing.decisionTablesDir());
        this.maxFileSize = reload.maxFileSize().asLongValue();
    }

    public List<Path> directories() {
        return List.of(rulesDir, tablesDir);
    }

    public RuleSourceSet readDisk() {
        return RuleSourceReader.read(rulesDir, tablesDir);
    }

    /** @throws RuleFileRejectedException when the path may not name a rule file */
    public RuleFile resolve(String apiPath) {
        if (apiPath == null || apiPath.isBlank()) {
            throw invalid("a path is required, such as rules/foo.drl");
        }
        if (apiPath.length() > io.leadrouter.engine.RuleCompiler.MAX_PATH_LENGTH) {
            // The version history stores each file's path in a column of this length.
            throw invalid("the path has " + apiPath.length() + " characters; at most "
                    + io.leadrouter.engine.RuleCompiler.MAX_PATH_LENGTH + " are allowed");
        }
        if (apiPath.contains("\\")) {
            throw invalid("backslashes are not allowed; separate directories with /");
        }
        if (apiPath.startsWith("/") || apiPath.matches("^[A-Za-z]:.*")) {
            throw invalid("must be relative, such as rules/foo.drl");
        }
        List<String> segments = Arrays.asList(apiPath.split("/", -1));
        if (segments.stream().anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals("..") || s.chars().anyMatch(c -> c < 0x20))) {
            throw invalid("no empty, '.' or '..' segments and no control characters");
        }
        if (segments.size() < 2) {
            throw invalid("must start with the directory: " + dirName(rulesDir) + "/ or " + dirName(tablesDir) + "/");
        }
        Path dir;
        if (segments.get(0).equals(dirName(rulesDir))) {
            dir = rulesDir;
        } else if (segments.get(0).equals(dirName(tablesDir))) {
            dir = tablesDir;
        } else {
            throw invalid("must start with " + dirName(rulesDir) + "/ or " + dirName(tablesDir) + "/");
        }
        String fileName = segments.get(segments.size() - 1);
        if (RuleSource.kindOf(fileName) == null) {
            throw invalid("only .drl, .xlsx, .xls and .csv files are rule files");
        }
        Path file = dir.resolve(String.join("/", segments.subList(1, segments.size())));
        if (RuleSourceReader.isTemporary(file)) {
            throw invalid("'" + fileName + "' is an editor or Excel temp-file name, which the rule reader skips");
        }
        if (!file.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())) {
            throw invalid("must stay inside its directory");
        }
        if (segments.stream().anyMatch(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255)) {
            throw invalid("a file or directory name is at most 255 bytes");
        }
        checkRealContainment(dir, file);
        return new RuleFile(apiPath, file, RuleSourceReader.displayPath(dir, file));
    }

    /** @throws RuleFileRejectedException when the content is over the configured size limit */
    public void checkSize(long size) {
        if (size > maxFileSize) {
            throw new RuleFileRejectedException(RuleFileRejectedException.Reason.TOO_LARGE,
                    "the file has " + size + " bytes; the limit is " + maxFileSize + " (routing.reload.max-file-size)");
        }
    }

    /** The disk set with {@code file} added or replaced. */
    public static RuleSourceSet with(RuleSourceSet set, RuleFile file, byte[] content) {
        List<RuleSource> sources = new ArrayList<>(without(set, file).sources());
        sources.add(new RuleSource(file.sourcePath(), content));
        return new RuleSourceSet(sources);
    }

    public static RuleSourceSet without(RuleSourceSet set, RuleFile file) {
        return new RuleSourceSet(set.sources().stream().filter(s -> !s.path().equals(file.sourcePath())).toList());
    }

    /**
     * Writes through a temp file in the same directory and an atomic rename: readers see the old or the new file. The
     * file keeps the permissions it had; a new file gets {@code rw-r--r--} (the temp file alone would be
     * {@code rw-------}, unreadable to the group that edits the rules).
     */
    public void write(RuleFile file, byte[] content) {
        try {
            Files.createDirectories(file.file().getParent());
            // Hidden and .tmp: the reader and the watcher skip it while it is being written.
            Path temp = Files.createTempFile(file.file().getParent(), ".upload-", ".tmp");
            try {
                Files.write(temp, content);
                keepPermissions(file.file(), temp);
                try {
                    Files.move(temp, file.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file.file(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.file(), e);
        }
    }

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE;
        Files.setPosixFilePermissions(temp, mode);
    }

    public void delete(RuleFile file) {
        try {
            Files.deleteIfExists(file.file());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file.file(), e);
        }
    }

    /**
     * Makes the directories hold exactly {@code files} (by API path): writes those that differ, deletes rule files
     * that are not among them, in path order. Temp and lock files are left alone. If a write or delete fails, the
     * changes already made are put back (newest first) before the failure is rethrown: half a rollback on disk is a
     * rule set nobody wrote, which the watcher would otherwise try to activate.
     */
    public void restore(Map<String, byte[]> files) {
        Map<String, RuleSource> onDisk = new TreeMap<>();
        for (RuleSource source : readDisk().sources()) {
            onDisk.put(source.path(), source);
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            for (Map.Entry<String, byte[]> wanted : new TreeMap<>(files).entrySet()) {
                RuleSource current = onDisk.get(wanted.getKey());
                if (current == null || !Arrays.equals(current.content(), wanted.getValue())) {
                    RuleFile file = resolve(wanted.getKey());
                    write(file, wanted.getValue());
                    undo.push(current == null ? () -> delete(file) : () -> write(file, current.content()));
                }
            }
            for (Map.Entry<String, RuleSource> present : onDisk.entrySet()) {
                if (!files.containsKey(present.getKey())) {
                    RuleFile file = resolve(present.getKey());
                    delete(file);
                    undo.push(() -> write(file, present.getValue().content()));
                }
            }
        } catch (UncheckedIOException e) {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (UncheckedIOException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    /**
     * The lexical check above does not see symbolic links: the deepest part of the path that exists is resolved to
     * its real location, which must be inside the directory's real location; and it must be a directory, not a file.
     */
    private static void checkRealContainment(Path dir, Path file) {
        try {
            if (!Files.exists(dir)) {
                return;
            }
            Path realDir = dir.toRealPath();
            Path existing = file.getParent();
            while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return;
            }
            if (!existing.toRealPath().startsWith(realDir)) {
                throw invalid("must stay inside its directory (a symbolic link leads outside it)");
            }
            if (!Files.isDirectory(existing)) {
                throw invalid("'" + dir.relativize(existing) + "' is a file, not a directory");
            }
            if (Files.isSymbolicLink(file) && !file.toRealPath().startsWith(realDir)) {
                throw invalid("must stay inside its directory (a symbolic link leads outside it)");
            }
        } catch (IOException e) {
            throw invalid("cannot be resolved inside its directory");
        }
    }

    private static String dirName(Path dir) {
        return RuleSourceReader.directoryName(dir);
    }

    private static RuleFileRejectedException invalid(String message) {
        return new RuleFileRejectedException(RuleFileRejectedException.Reason.INVALID_PATH, message);
    }
}
