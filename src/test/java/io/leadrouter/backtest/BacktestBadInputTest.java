package io.leadrouter.backtest;

import io.leadrouter.persistence.DecisionScanRepository;
import io.leadrouter.rest.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Each bad input of a backtest answers with its own problem detail naming the row and field: never a 500, and nothing
 * written to the decision log.
 */
@QuarkusTest
@Tag("database")
class BacktestBadInputTest {

    private static final String PROBLEM = "application/problem+json";


    @Inject
    DecisionScanRepository decisions;

    private static final String TERRITORIES = Base64.getEncoder()
            .encodeToString(TerritoriesWorkbook.withCell("TERR-040", 6, "Southern Europe"));

    private static ValidatableResponse backtestCsv(String csv) {
        return given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("decision-tables/territories.xlsx", TERRITORIES), "csv", csv))
                .post("/api/rules/backtest").then();
    }

    private long logged() {
        return decisions.count(new DecisionScanRepository.Window(null, null, null, null));
    }

    @Test
    void aWrongHeaderNamesTheColumn() {
        backtestCsv("id,contry\nc1,FR\n").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("row 1, contry"))
                .body("errors[0].message", containsString("not a lead field"))
                .body("errors[0].message", containsString("country"));
    }

    @Test
    void aBadValueInRow7812NamesTheRowAndTheField() {
        long before = logged();
        StringBuilder csv = new StringBuilder("id,country,employees\n");
        for (int row = 2; row < 7812; row++) {
            csv.append("r").append(row).append(",FR,50\n");
        }
        csv.append("r7812,FR,lots\n");
        csv.append("r7813,FR,50\n");
        backtestCsv(csv.toString()).statusCode(400).contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("row 7812, employees"))
                .body("errors[0].message", containsString("'lots'"))
                .body("errors[0].message", containsString("not a whole number"));
        assertEquals(before, logged(), "nothing written");
    }

    @Test
    void anEmptyFileSaysSo() {
        backtestCsv("").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("csv")).body("errors[0].message", containsString("the file is empty"));
        // A header and nothing else is empty too: there are no leads to replay.
        backtestCsv("id,country\n\n").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("csv")).body("errors[0].message", containsString("no leads"));
        // The same as a multipart upload of an empty file.
        given().auth().preemptive().basic("ops", "dev-ops")
                .multiPart("decision-tables/territories.xlsx", "territories.xlsx", Base64.getDecoder().decode(TERRITORIES))
                .multiPart("csv", "leads.csv", new byte[0], "text/csv")
                .post("/api/rules/backtest").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("csv"));
    }

    @Test
    void aCandidateThatDoesNotCompileIsALocated422() {
        String broken = Base64.getEncoder().encodeToString("rule \"X-1 broken\" when Lead( then end".getBytes());
        given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/broken.drl", broken), "csv", "id,country\nc1,FR\n"))
                .post("/api/rules/backtest").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].file", endsWith("rules/broken.drl"))
                .body("errors[0].line", greaterThanOrEqualTo(1))
                .body("errors[0].message", not(emptyOrNullString()));
    }

    @Test
    void aWindowWithNoLeadsIsAClear400() {
        given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("decision-tables/territories.xlsx", TERRITORIES),
                        "from", "2001-01-01T00:00:00Z", "to", "2001-01-02T00:00:00Z"))
                .post("/api/rules/backtest").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("from"))
                .body("detail", containsString("no decisions in this window"))
                .body("detail", containsString("2001-01-01T00:00:00Z"));
    }

    /**
     * A 200 MB upload. The limit is quarkus.http.limits.max-body-size (10 MiB, the configured default); the request
     * declares 200 MB and sends only its first 64 KiB: the 413 problem detail comes back while the rest is unsent, so
     * the service refused on the declared length and never read (or buffered, or spooled) the body. Sending the
     * other 200 MB would test the network, not the refusal.
     */
    @Test
    void aTwoHundredMegabyteUploadIsA413ProblemAnsweredBeforeTheBodyIsRead() throws IOException {
        long before = logged();
        String boundary = "backtest-boundary";
        String partHead = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"leads.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nid,country\n";
        String credentials = Base64.getEncoder().encodeToString("ops:dev-ops".getBytes(StandardCharsets.UTF_8));
        byte[] head = ("POST /api/rules/backtest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                + "\r\nContent-Length: " + 200L * 1024 * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String answer = RawHttp.exchange(RawHttp.server(), head, out -> {
            out.write(partHead.getBytes(StandardCharsets.US_ASCII));
            out.write("lead,FR\n".repeat(8 * 1024).getBytes(StandardCharsets.US_ASCII)); // 64 KiB of the 200 MB
        });
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: " + PROBLEM), answer);
        assertTrue(answer.contains("\"status\":413") && answer.contains("10485760 bytes (quarkus.http.limits.max-body-size)")
                && answer.contains("nothing was read or stored"), answer);
        assertEquals(before, logged());
    }
}
