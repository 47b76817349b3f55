package io.leadrouter.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * Items 13/14 of issue 15: a database that cannot hand out a connection (outage, or a burst right after a restart
 * exhausting the pool) is back-pressure — 503 problem with {@code Retry-After}, never a 500 — and the service
 * recovers by itself once connections are free again.
 */
@QuarkusTest
@Tag("database")
@TestProfile(DatabaseUnavailableTest.TinyPool.class)
@TestSecurity(user = "test-admin", roles = "admin")
class DatabaseUnavailableTest {

    /** A pool of two connections that gives up waiting after one second. */
    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2",
                    "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1S");
        }
    }

    private static final String LEAD = """
            {"id":"lead-db-unavailable","email":"ada@example.de","company":"Example GmbH","country":"de",
             "employees":2500,"industry":"Manufacturing","source":"Web"}""";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void exhaustedPoolAnswers503WithRetryAfterAndRecovers() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(dataSource.getConnection());
            }
            given().contentType(ContentType.JSON).body(LEAD)
                    .when().post("/api/route")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo(503))
                    .body("title", equalTo("Database unavailable"))
                    .body("detail", not(containsString("Exception")));
            given().when().get("/api/decisions")
                    .then().statusCode(503)
                    .header("Retry-After", notNullValue());
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        given().contentType(ContentType.JSON).body(LEAD)
                .when().post("/api/route")
                .then().statusCode(200)
                .body("leadId", equalTo("lead-db-unavailable"));
    }
}
