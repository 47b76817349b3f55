package io.leadrouter.cluster;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application (target/quarkus-app/quarkus-run.jar) in the production profile on PostgreSQL, started once
 * by Quarkus with {@link ProductionPostgres}: it starts with production credentials (and a second, short start with
 * the development ones is refused), it is ready only with its rules compiled and its database reachable, and a real
 * route is stored and read back. Runs in {@code ./mvnw verify} with the {@code postgresql} profile
 * (LEADROUTER_TEST_POSTGRES_URL set, as .ci/run does), like {@link ClusterTwoInstancesIT}.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ProductionPostgres.class, restrictToAnnotatedClass = true)
@EnabledIfEnvironmentVariable(named = "LEADROUTER_TEST_POSTGRES_URL", matches = ".+")
class ProductionJarIT {

    private static final String LEAD = """
            {"id": "it-prod-1", "email": "ada@beispiel.de", "company": "Beispiel AG", "country": "DE",
             "employees": 2500, "source": "Webinar", "estimatedDealValue": 60000}""";

    @Test
    void readyWithTheShippedRulesCompiledAndTheDatabaseReachableAndDownWithoutIt() throws Exception {
        Response ready = given().get("/q/health/ready");
        ready.then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'rules' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'rules' }.data.rules", greaterThan(0))
                .body("checks.find { it.name == 'rules' }.data.version", notNullValue())
                .body("checks.name", hasItem("Database connections health check"));

        // The database refuses connections (and drops the ones the pool holds): not ready; back: ready again.
        Assumptions.assumeTrue(ProductionPostgres.database != null && !ProductionPostgres.jdbcUrl.contains("currentSchema="),
                "a database of its own (CREATEDB) is needed to make it unreachable");
        String name = databaseName(ProductionPostgres.jdbcUrl);
        try {
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            await("not ready without the database").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> given().get("/q/health/ready").statusCode(), equalTo(503));
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("DOWN"));
        } finally {
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        }
        await("ready again with the database back").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode(), equalTo(200));
    }

    @Test
    void aRealRouteIsStoredAndReadBack() {
        String version = given().get("/q/health/ready").then().statusCode(200).extract()
                .path("checks.find { it.name == 'rules' }.data.version");
        Response routed = given().header("X-API-Key", ProductionPostgres.CRM_API_KEY).contentType(ContentType.JSON)
                .body(LEAD).post("/api/route");
        routed.then().statusCode(200).body("leadId", equalTo("it-prod-1")).body("rulesVersion", equalTo(version))
                .body("matchedRules.name", hasItem("TERR-010 DACH enterprise → DACH Enterprise team"));
        String decisionId = routed.path("decisionId");

        given().auth().preemptive().basic("ops", ProductionPostgres.OPS_PASSWORD).get("/api/decisions/" + decisionId)
                .then().statusCode(200)
                .body("decisionId", equalTo(decisionId))
                .body("leadId", equalTo("it-prod-1"))
                .body("rulesVersion", equalTo(version))
                .body("lead.email", equalTo("ada@beispiel.de"))
                .body("explanation.decidedBy", equalTo("TERR-010 DACH enterprise → DACH Enterprise team"));
        // Development credentials mean nothing here.
        given().auth().preemptive().basic("ops", "dev-ops").get("/api/decisions/" + decisionId).then().statusCode(401);
        given().header("X-API-Key", "dev-crm-key").contentType(ContentType.JSON).body(LEAD).post("/api/route")
                .then().statusCode(401);
    }

    /**
     * The same jar on the same database with the development credentials (nothing set): start-up is refused, naming
     * what to set. A second process, but a short one: it stops at the guard.
     */
    @Test
    void aProductionStartWithTheDevelopmentCredentialsIsRefused() throws Exception {
        Path jar = Path.of(System.getProperty("leadrouter.it.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        Path log = Files.createTempFile("leadrouter-dev-credentials", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + freePort(),
                "-Dquarkus.datasource.jdbc.url=" + ProductionPostgres.jdbcUrl,
                "-Dquarkus.datasource.username=" + ProductionPostgres.database.user(),
                "-Dquarkus.datasource.password=" + ProductionPostgres.database.password(),
                "-Drouting.rules-dir=" + ProductionPostgres.rules.resolve("rules"),
                "-Drouting.decision-tables-dir=" + ProductionPostgres.rules.resolve("decision-tables"),
                "-Drouting.reload.enabled=false", "-Drouting.cluster.enabled=false",
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Nothing from the environment of this build that could set a real credential.
        builder.environment().keySet().removeIf(key -> key.startsWith("LEADROUTER_"));
        Process process = builder.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(exited, "a start with development credentials kept running: " + output);
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("Refusing to start in production with development or empty credentials for: "), output);
        assertTrue(output.contains("user admin") && output.contains("API key crm") && output.contains("console session key"),
                output);
        assertTrue(output.contains("Set LEADROUTER_ADMIN_PASSWORD"), output);
    }

    private static void admin(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getenv("LEADROUTER_TEST_POSTGRES_URL"),
                System.getenv("LEADROUTER_TEST_POSTGRES_USER"), System.getenv("LEADROUTER_TEST_POSTGRES_PASSWORD"));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
