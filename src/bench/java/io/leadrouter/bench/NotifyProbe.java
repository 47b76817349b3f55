package io.leadrouter.bench;

import java.sql.*;
import java.util.*;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The evidence for docs/cluster.md "Polling, not LISTEN/NOTIFY": on PostgreSQL, how long a notification takes from
 * the notifying transaction's commit to {@code PGConnection.getNotifications} on a dedicated connection, what one
 * poll of the version rows costs, and what a listener sees when its connection is dropped. Uses a scratch table
 * {@code probe_change}. Run: {@code java -cp <pgjdbc jar>:target/test-classes io.leadrouter.bench.NotifyProbe
 * jdbc:postgresql://127.0.0.1:5432/db user password}.
 */
public class NotifyProbe {
    public static void main(String[] a) throws Exception {
        String url = a[0];
        try (Connection listen = DriverManager.getConnection(url, a[1], a[2]);
             Connection write = DriverManager.getConnection(url, a[1], a[2])) {
            try (Statement s = write.createStatement()) {
                s.execute("create table if not exists probe_change (topic varchar(32) primary key, version bigint not null)");
                s.execute("insert into probe_change values ('roster', 0) on conflict do nothing");
            }
            try (Statement s = listen.createStatement()) { s.execute("LISTEN cluster_change"); }
            PGConnection pg = listen.unwrap(PGConnection.class);
            write.setAutoCommit(false);
            long[] lat = new long[200];
            for (int i = 0; i < lat.length; i++) {
                try (Statement s = write.createStatement()) {
                    s.execute("update probe_change set version = version + 1 where topic = 'roster'");
                    s.execute("select pg_notify('cluster_change', 'roster')");
                }
                long t0 = System.nanoTime();
                write.commit();
                PGNotification[] n = pg.getNotifications(5000);
                lat[i] = System.nanoTime() - t0;
                if (n == null || n.length == 0) throw new IllegalStateException("no notification");
                Thread.sleep(5);
            }
            Arrays.sort(lat);
            System.out.printf("notify commit->receipt over %d: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", lat.length,
                    lat[lat.length / 2] / 1e6, lat[lat.length * 99 / 100] / 1e6, lat[lat.length - 1] / 1e6);
            // Poll cost: the statement an instance runs every poll interval.
            long[] poll = new long[2000];
            try (PreparedStatement ps = listen.prepareStatement("select topic, version from probe_change")) {
                for (int i = 0; i < poll.length; i++) {
                    long t0 = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) { while (rs.next()) { } }
                    poll[i] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(poll);
            System.out.printf("poll statement round trip over %d: p50 %.3f ms, p99 %.3f ms%n", poll.length,
                    poll[poll.length / 2] / 1e6, poll[poll.length * 99 / 100] / 1e6);
            // A dropped connection: the listener learns only when it next uses the socket.
            int pid;
            try (Statement s = listen.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) { rs.next(); pid = rs.getInt(1); }
            try (Statement s = write.createStatement()) { s.execute("select pg_terminate_backend(" + pid + ")"); }
            write.commit();
            long t0 = System.nanoTime();
            try {
                PGNotification[] n = pg.getNotifications(2000);
                System.out.printf("after pg_terminate_backend: getNotifications returned %s after %.1f ms (no error)%n",
                        n == null ? "null" : n.length + " notifications", (System.nanoTime() - t0) / 1e6);
            } catch (SQLException e) {
                System.out.printf("after pg_terminate_backend: getNotifications threw after %.1f ms: %s (%s)%n",
                        (System.nanoTime() - t0) / 1e6, e.getMessage(), e.getSQLState());
            }
            System.out.println("listen connection isValid: " + listen.isValid(1));
            try (Statement s = write.createStatement()) { s.execute("drop table probe_change"); }
            write.commit();
        }
    }
}
