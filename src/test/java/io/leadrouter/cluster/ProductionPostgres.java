package io.leadrouter.cluster;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@link ProductionJarIT}'s packaged application is started with (passed to it as system properties): a fresh
 * PostgreSQL database beside the one LEADROUTER_TEST_POSTGRES_URL names, production credentials (none starting with
 * {@code dev-}), and its own copy of the shipped rules, so the instance (whose cluster follower writes the rule
 * directories) never touches the repository's.
 */
public class ProductionPostgres implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_PASSWORD = "it-admin-password";
    static final String OPS_PASSWORD = "it-ops-password";
    static final String CRM_API_KEY = "it-crm-api-key";

    /** The database of the running test, for the test's own connections (one test class uses it at a time). */
    static volatile ClusterDatabase database;
    static volatile String jdbcUrl;
    static volatile Path rules;

    @Override
    public Map<String, String> start() {
        database = new ClusterDatabase(System.getenv("LEADROUTER_TEST_POSTGRES_URL"),
                System.getenv("LEADROUTER_TEST_POSTGRES_USER"), System.getenv("LEADROUTER_TEST_POSTGRES_PASSWORD"));
        try {
            jdbcUrl = database.createFresh();
            rules = copyOfShippedRules();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", jdbcUrl),
                Map.entry("quarkus.datasource.username", database.user()),
                Map.entry("quarkus.datasource.password", database.password()),
                Map.entry("quarkus.security.users.embedded.users.admin", ADMIN_PASSWORD),
                Map.entry("quarkus.security.users.embedded.users.ops", OPS_PASSWORD),
                Map.entry("quarkus.security.users.embedded.users.crm", "it-crm-password"),
                Map.entry("routing.security.api-keys.crm", CRM_API_KEY),
                Map.entry("quarkus.http.auth.session.encryption-key", "it-console-session-key-of-32-chars-at-least"),
                Map.entry("routing.rules-dir", rules.resolve("rules").toString()),
                Map.entry("routing.decision-tables-dir", rules.resolve("decision-tables").toString()));
    }

    @Override
    public void stop() {
        try {
            if (database != null) {
                database.dropFresh();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copyOfShippedRules() {
        try {
            Path root = Files.createTempDirectory("leadrouter-production-it");
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
