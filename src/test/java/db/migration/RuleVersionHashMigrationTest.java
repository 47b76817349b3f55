package db.migration;

import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions recorded before V13 by an instance whose rules directory was configured as an absolute path carry a hash
 * over those paths; after V13 every stored hash is the location-independent one the engine computes now (so the
 * instance that reads the same files from disk finds the version known), and ids stay as recorded.
 */
class RuleVersionHashMigrationTest {

    private static final String URL = "jdbc:h2:mem:v13-migration;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    private static final byte[] DRL = "package t;\nrule \"r\" when then end\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CSV = "RuleSet,score\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void storedHashesBecomeTheHashOverApiPaths() throws Exception {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("12").load().migrate();
        String absoluteHash = new RuleSourceSet(List.of(new RuleSource("/srv/a/rules/assign.drl", DRL),
                new RuleSource("/srv/a/decision-tables/score.csv", CSV))).contentHash();
        String apiHash = new RuleSourceSet(List.of(new RuleSource("rules/assign.drl", DRL),
                new RuleSource("decision-tables/score.csv", CSV))).contentHash();
        String onlyDrlHash = new RuleSourceSet(List.of(new RuleSource("rules/assign.drl", DRL))).contentHash();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "")) {
            record(connection, 1, "v1-" + absoluteHash.substring(0, 12), absoluteHash);
            file(connection, 1, "rules/assign.drl", DRL);
            file(connection, 1, "decision-tables/score.csv", CSV);
            record(connection, 2, "v2-" + onlyDrlHash.substring(0, 12), onlyDrlHash);
            file(connection, 2, "rules/assign.drl", DRL);
        }
        assertTrue(!absoluteHash.equals(apiHash), "the two hashes differ before the migration");

        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();

        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
             ResultSet rows = connection.createStatement().executeQuery(
                     "select sequence, version_id, content_hash from rule_version order by sequence")) {
            rows.next();
            assertEquals(apiHash, rows.getString("content_hash"), "recomputed over rules/… and decision-tables/…");
            assertEquals("v1-" + absoluteHash.substring(0, 12), rows.getString("version_id"), "the id decisions name");
            rows.next();
            assertEquals(onlyDrlHash, rows.getString("content_hash"), "already location-independent: unchanged");
        }
    }

    private static void record(Connection connection, long sequence, String versionId, String hash) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert into rule_version (sequence, version_id,"
                + " content_hash, triggered_by, activated_at, compile_millis, rule_count) values (?, ?, ?, 'startup', ?, 1, 1)")) {
            insert.setLong(1, sequence);
            insert.setString(2, versionId);
            insert.setString(3, hash);
            insert.setObject(4, Instant.now().atOffset(java.time.ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static void file(Connection connection, long sequence, String path, byte[] content) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert into rule_version_file (version_sequence,"
                + " path, sha256, size_bytes, content) values (?, ?, ?, ?, ?)")) {
            insert.setLong(1, sequence);
            insert.setString(2, path);
            insert.setString(3, new RuleSource(path, content).sha256());
            insert.setLong(4, content.length);
            insert.setBytes(5, content);
            insert.executeUpdate();
        }
    }
}
