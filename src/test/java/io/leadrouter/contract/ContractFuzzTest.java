package io.leadrouter.contract;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs {@link ContractFuzzProperties} on the jqwik engine against this service (issue 15, item 16): no 5xx, a
 * problem detail for every 4xx, every answer as the OpenAPI document says. Its own application (FuzzProfile): a
 * copy of the shipped rules and its own in-memory database, so fuzzed routes, reps and uploads touch nothing another
 * test reads. Seed and tries are in ContractFuzzProperties.
 */
@QuarkusTest
@TestProfile(ContractFuzzTest.FuzzProfile.class)
class ContractFuzzTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theMainEndpointsNeverFailWhateverTheyAreSent() throws Exception {
        System.setProperty(ContractFuzzProperties.BASE_URL, base.toString().replaceAll("/$", ""));
        // The jqwik engine and the properties from the class path the launcher itself came from, not Quarkus's.
        ClassLoader platform = Launcher.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        try {
            thread.setContextClassLoader(platform);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(platform.loadClass(ContractFuzzProperties.class.getName())))
                    .configurationParameter("jqwik.database", "target/jqwik-database")
                    .configurationParameter("jqwik.reporting.onlyfailures", "true")
                    .build();
            LauncherFactory.create().execute(request, listener);
        } finally {
            thread.setContextClassLoader(previous);
        }
        TestExecutionSummary summary = listener.getSummary();
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 30);
        assertEquals(7, summary.getTestsSucceededCount() + summary.getTestsFailedCount(),
                "every property ran (jqwik engine found): " + failures);
        assertEquals(0, summary.getTestsFailedCount(), failures.toString());
    }

    /** A copy of the shipped rules (uploads that compile would change them) and a database of its own. */
    public static class FuzzProfile implements QuarkusTestProfile {

        private static final Path ROOT = copyOfShippedRules();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "routing.rules-dir", ROOT.resolve("rules").toString(),
                    "routing.decision-tables-dir", ROOT.resolve("decision-tables").toString(),
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:leadrouter-fuzz;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                            + "DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000");
        }

        private static Path copyOfShippedRules() {
            try {
                Path root = Files.createTempDirectory("lead-router-fuzz-");
                for (String dir : new String[]{"rules", "decision-tables"}) {
                    Path source = Path.of(dir);
                    try (Stream<Path> files = Files.walk(source)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            Path target = root.resolve(dir).resolve(source.relativize(file).toString());
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
}
