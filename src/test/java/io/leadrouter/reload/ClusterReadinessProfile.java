package io.leadrouter.reload;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cluster follower whose poller never fires during the test (1 h interval): the test triggers
 * {@link RuleReloadService#followCluster()} itself, so the window between a published version and its adoption is
 * observable deterministically.
 */
public class ClusterReadinessProfile implements QuarkusTestProfile {

    public static final Path ROOT = createRoot();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "routing.rules-dir", ROOT.resolve("rules").toString(),
                "routing.decision-tables-dir", ROOT.resolve("decision-tables").toString(),
                "routing.reload.enabled", "false",
                "routing.cluster.enabled", "true",
                "routing.cluster.poll-interval", "1h",
                "routing.rules.evaluation-timeout", "10s");
    }

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("lead-router-cluster-ready-");
            Files.createDirectories(root.resolve("rules"));
            Files.createDirectories(root.resolve("decision-tables"));
            Files.writeString(root.resolve("rules/assign.drl"), HotReloadProfile.assignDrl("base"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
