package io.leadrouter.routing;

import io.leadrouter.persistence.PoolStateRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * Found by the soak (issue 15 item 15, BENCHMARKS.md "Soak"): the first route into a new pool creates its state row in
 * a transaction of its own, which needs a second connection. When the pool has none to give within its acquisition
 * timeout, that is back-pressure (503 + Retry-After, issue 15 item 14), not "could not be created" and a 500.
 */
@QuarkusTest
@TestProfile(PoolCreationUnavailableTest.NoConnectionForNewPools.class)
@TestSecurity(user = "test-admin", roles = {"admin", "crm"})
class PoolCreationUnavailableTest {

    static final String RULES = """
            package t;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "NEW-1 every lead to a team whose pool row does not exist yet"
            when
                Lead()
            then
                routing.assignToTeam("Pool Creation Team", "ROUND_ROBIN");
            end
            """;

    public static class NoConnectionForNewPools implements QuarkusTestProfile {
        static final Path ROOT = create();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("routing.rules-dir", ROOT.resolve("rules").toString(),
                    "routing.decision-tables-dir", ROOT.resolve("decision-tables").toString());
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(NoConnectionCreator.class);
        }

        private static Path create() {
            try {
                Path root = Files.createTempDirectory("lead-router-pool-creation-");
                Files.createDirectories(root.resolve("rules"));
                Files.createDirectories(root.resolve("decision-tables"));
                Files.writeString(root.resolve("rules/new-pool.drl"), RULES);
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What the creation's own transaction gets from an exhausted pool (the soak's log: "Sorry, acquisition timeout!"). */
    @Alternative
    @ApplicationScoped
    public static class NoConnectionCreator extends PoolStateRepository.PoolStateCreator {
        @Override
        public void create(String poolKey) {
            throw new JDBCConnectionException("Unable to acquire JDBC Connection",
                    new SQLTransientConnectionException("Sorry, acquisition timeout!"));
        }
    }

    @Test
    void aPoolRowThatCannotBeCreatedForWantOfAConnectionAnswers503WithRetryAfter() {
        given().contentType(ContentType.JSON).body("""
                {"id": "rep-pool-creation", "name": "Pat", "email": "pat@example.com", "team": "Pool Creation Team",
                 "territories": ["*"]}""").when().post("/api/reps").then().statusCode(201);

        given().contentType(ContentType.JSON).body("{\"id\":\"pool-creation-1\",\"country\":\"DE\"}")
                .when().post("/api/route")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(503));
    }
}
