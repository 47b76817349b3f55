package io.leadrouter.reload;

import io.leadrouter.config.ReloadConfig;
import io.leadrouter.config.RoutingConfig;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 15 items 10 and 11: upload paths that used to write outside rules/ or fail with a 500. */
class RuleFileStoreContainmentTest {

    @TempDir
    Path root;

    private RuleFileStore store() throws Exception {
        Path rules = Files.createDirectories(root.resolve("rules"));
        Files.createDirectories(root.resolve("decision-tables"));
        RoutingConfig routing = (RoutingConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{RoutingConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "rulesDir" -> rules.toString();
                    case "decisionTablesDir" -> root.resolve("decision-tables").toString();
                    default -> null;
                });
        ReloadConfig reload = (ReloadConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ReloadConfig.class}, (proxy, method, args) ->
                        method.getName().equals("maxFileSize") ? new MemorySize(BigInteger.valueOf(5_000_000)) : null);
        return new RuleFileStore(routing, reload);
    }

    @Test
    void aSymlinkInsideRulesCannotLeadAnUploadOutside() throws Exception {
        RuleFileStore store = store();
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(root.resolve("rules/escape"), outside);
        assertThrows(RuleFileRejectedException.class, () -> store.resolve("rules/escape/evil.drl"));
        Files.createSymbolicLink(root.resolve("rules/link.drl"), outside.resolve("target.drl"));
        assertThrows(RuleFileRejectedException.class, () -> store.resolve("rules/link.drl"));
        assertDoesNotThrow(() -> store.resolve("rules/sub/fine.drl"));
    }

    @Test
    void aPathUnderAFileOrAnOverlongNameIsRefused() throws Exception {
        RuleFileStore store = store();
        Files.writeString(root.resolve("rules/a.drl"), "package rules;");
        assertThrows(RuleFileRejectedException.class, () -> store.resolve("rules/a.drl/b.drl"));
        assertThrows(RuleFileRejectedException.class, () -> store.resolve("rules/" + "x".repeat(300) + ".drl"));
    }
}
