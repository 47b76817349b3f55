package io.leadrouter.reload;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An instance that follows the cluster's active rule version, polling fast, on rule directories of its own. */
public class ClusterFollowProfile implements QuarkusTestProfile {

    public static final Path ROOT = createRoot();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "routing.rules-dir", ROOT.resolve("rules").toString(),
                "routing.decision-tables-dir", ROOT.resolve("decision-tables").toString(),
                "routing.reload.enabled", "false",
                "routing.cluster.enabled", "true",
                "routing.cluster.poll-interval", "200ms",
                // The machine is shared: a cold first evaluation must not hit the default 500 ms budget.
                "routing.rules.evaluation-timeout", "10s");
    }

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("lead-router-cluster-");
            Files.createDirectories(root.resolve("rules"));
            Files.createDirectories(root.resolve("decision-tables"));
            Files.writeString(root.resolve("rules/assign.drl"), HotReloadProfile.assignDrl("base"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
