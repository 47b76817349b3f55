package io.leadrouter.tools;

import io.leadrouter.config.ReloadConfig;
import io.leadrouter.config.RoutingConfig;
import io.leadrouter.reload.RuleFileStore;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 14, defect 5: an upload or a rollback ({@link RuleFileStore#write}, {@link RuleFileStore#restore}) leaves a
 * file with the mode it had, and a new file with rw-r--r--, never the temp file's rw-------.
 */
class RuleFilePermissionsTest {

    @TempDir
    Path dir;
    RuleFileStore store;

    @BeforeEach
    void store() throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Files.createDirectories(dir.resolve("decision-tables"));
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions needed");
        RoutingConfig routing = proxy(RoutingConfig.class, Map.of("rulesDir", dir.resolve("rules").toString(),
                "decisionTablesDir", dir.resolve("decision-tables").toString()));
        ReloadConfig reload = proxy(ReloadConfig.class, Map.of("maxFileSize", new MemorySize(BigInteger.valueOf(1 << 20))));
        store = new RuleFileStore(routing, reload);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, args) -> {
            if (!values.containsKey(m.getName())) {
                throw new UnsupportedOperationException(m.getName());
            }
            return values.get(m.getName());
        });
    }

    private String mode(String relative) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(relative)));
    }

    @Test
    void aNewFileIsWorldReadable() throws Exception {
        store.write(store.resolve("rules/new.drl"), "package x;".getBytes(StandardCharsets.UTF_8));
        assertEquals("rw-r--r--", mode("rules/new.drl"));
    }

    @Test
    void anUploadKeepsTheModeTheFileHad() throws Exception {
        Path file = dir.resolve("rules/shared.drl");
        Files.writeString(file, "package x;");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        store.write(store.resolve("rules/shared.drl"), "package y;".getBytes(StandardCharsets.UTF_8));
        assertEquals("rw-rw-r--", mode("rules/shared.drl"));
        assertEquals("package y;", Files.readString(file));
    }

    @Test
    void aRollbackKeepsModesAndGivesRestoredFilesTheDefault() throws Exception {
        Path kept = dir.resolve("rules/kept.drl");
        Files.writeString(kept, "package a;");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
        store.restore(Map.of("rules/kept.drl", "package b;".getBytes(StandardCharsets.UTF_8),
                "decision-tables/back.csv", "x".getBytes(StandardCharsets.UTF_8)));
        assertEquals("rw-rw----", mode("rules/kept.drl"));
        assertEquals("rw-r--r--", mode("decision-tables/back.csv"));
    }
}
