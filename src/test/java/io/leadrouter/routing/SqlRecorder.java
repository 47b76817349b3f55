package io.leadrouter.routing;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Test-only: records the SQL statements Hibernate prepares on the current thread while {@link #record} runs, so a
 * test can count what one route costs. Does nothing on other threads (the push-back poller, other tests).
 */
@PersistenceUnitExtension
public class SqlRecorder implements StatementInspector {

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    /** The statements {@code work} prepared on this thread, in order, and its result. */
    public static <T> Recorded<T> record(Supplier<T> work) {
        List<String> statements = new ArrayList<>();
        RECORDING.set(statements);
        try {
            T result = work.get();
            return new Recorded<>(result, List.copyOf(statements));
        } finally {
            RECORDING.remove();
        }
    }

    public record Recorded<T>(T result, List<String> statements) {
    }

    @Override
    public String inspect(String sql) {
        List<String> statements = RECORDING.get();
        if (statements != null) {
            statements.add(sql);
        }
        return sql;
    }
}
