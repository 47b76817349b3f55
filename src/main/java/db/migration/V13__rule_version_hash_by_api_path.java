package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recomputes every recorded rule version's content hash over its files' API paths ({@code rules/x.drl}, as
 * {@code rule_version_file.path} holds them) and their SHA-256. Before, the hash covered the path as configured on the
 * instance that recorded it ({@code /srv/a/rules/x.drl} when the rules directory was set to an absolute path), so an
 * instance with another path saw the same files as another version. Rows recorded with a relative {@code rules}
 * directory keep their hash. {@code version_id} is left as recorded: decisions name versions by it, and instances
 * adopting a version take the recorded id (RuleVersion). In Java because the hash (SHA-256 over a manifest in Java
 * string order) is not expressible in SQL both H2 and PostgreSQL run; it must stay equal to RuleSourceSet#contentHash.
 */
public class V13__rule_version_hash_by_api_path extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<Long, TreeMap<String, String>> filesByVersion = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet files = statement.executeQuery("select version_sequence, path, sha256 from rule_version_file")) {
            while (files.next()) {
                filesByVersion.computeIfAbsent(files.getLong(1), v -> new TreeMap<>())
                        .put(files.getString(2), files.getString(3));
            }
        }
        Map<Long, String> stored = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet versions = statement.executeQuery("select sequence, content_hash from rule_version")) {
            while (versions.next()) {
                stored.put(versions.getLong(1), versions.getString(2));
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update rule_version set content_hash = ? where sequence = ?")) {
            for (Map.Entry<Long, String> version : stored.entrySet()) {
                String hash = contentHash(filesByVersion.getOrDefault(version.getKey(), new TreeMap<>()));
                if (!hash.equals(version.getValue())) {
                    update.setString(1, hash);
                    update.setLong(2, version.getKey());
                    update.addBatch();
                }
            }
            update.executeBatch();
        }
    }

    /** RuleSourceSet#contentHash: {@code path \0 sha256 \n} per file in path order, SHA-256 as hex. */
    static String contentHash(TreeMap<String, String> sha256ByPath) throws Exception {
        StringBuilder manifest = new StringBuilder();
        sha256ByPath.forEach((path, sha256) -> manifest.append(path).append('\0').append(sha256).append('\n'));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(manifest.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
