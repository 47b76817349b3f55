package io.leadrouter.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh, empty PostgreSQL database for one run, beside the one the CI gives (its user has CREATEDB, .ci/run);
 * dropped afterwards. Without that privilege, a fresh schema in the given database instead.
 */
final class ClusterDatabase {

    private final String url;
    private final String user;
    private final String password;
    private final String name = "leadrouter_cluster_it_" + Long.toString(System.currentTimeMillis(), 36);
    private boolean ownDatabase;
    private boolean ownSchema;

    ClusterDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The JDBC URL of the fresh database (or of the given one with the fresh schema as current schema). */
    String createFresh() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE DATABASE " + name);
                ownDatabase = true;
                return withDatabase(name);
            } catch (SQLException noCreateDb) {
                statement.execute("CREATE SCHEMA " + name);
                ownSchema = true;
                return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
            }
        }
    }

    void dropFresh() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            if (ownDatabase) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else if (ownSchema) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
    }

    private String withDatabase(String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }
}
