package io.leadrouter.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Broken HTTP framing (issue 15, item 10): an oversized chunked body gets the 413 problem detail, an empty or invalid
 * {@code Content-Length} the documented empty 400, and a client's mistake leaves no stack trace in the log. Written to a socket: no HTTP client sends
 * these.
 */
@QuarkusTest
@Tag("database")
@TestSecurity(user = "test-admin", roles = "admin")
class MalformedFramingTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413ProblemWithoutStackTrace() throws IOException {
        String head = "POST /api/route HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("admin:dev-admin".getBytes())
                + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        String answer = RawHttp.exchange(RawHttp.server(), head.getBytes(StandardCharsets.US_ASCII), out -> {
            out.write("1\r\n{\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int sent = 0; sent < 20 * 1024 * 1024; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(answer, startsWith("HTTP/1.1 413"));
        assertThat(answer, containsString("application/problem+json"));
        assertThat(answer, containsString("\"status\":413"));
        assertNoStackTrace();
    }

    @Test
    void aChunkedBodyUnderTheLimitIsRoutedWhole() throws IOException {
        String head = "POST /api/route?dryRun=true HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("admin:dev-admin".getBytes())
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        String[] parts = {"{\"id\":\"framing-chunked\",", "\"country\":\"DE\"}"};
        String answer = RawHttp.exchange(RawHttp.server(), head.getBytes(StandardCharsets.US_ASCII), out -> {
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.US_ASCII);
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(answer, startsWith("HTTP/1.1 200"));
        assertThat(answer, containsString("\"leadId\":\"framing-chunked\""));
        assertNoStackTrace();
    }

    // An empty or invalid Content-Length never reaches a route: Netty's decoder marks the request failed and Vert.x's
    // default invalid-request handler answers an empty 400. Quarkus 3.27 creates and starts the HTTP server itself
    // and never sets that handler, so this is the documented known limit (docs/security.md), asserted as such.

    @Test
    void anEmptyContentLengthIsAnEmpty400AndRoutesNothing() throws IOException {
        assertBadLength("", "framing-empty");
    }

    @Test
    void anInvalidContentLengthIsAnEmpty400AndRoutesNothing() throws IOException {
        assertBadLength("abc", "framing-abc");
        assertBadLength("-5", "framing-negative");
        assertBadLength("12, 13", "framing-two");
    }

    private void assertBadLength(String value, String leadId) throws IOException {
        String body = "{\"id\":\"" + leadId + "\",\"country\":\"DE\"}";
        String answer = RawHttp.exchange(RawHttp.server(), "POST /api/route HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("admin:dev-admin".getBytes())
                + "\r\nContent-Type: application/json\r\nContent-Length: " + value + "\r\n\r\n" + body);
        assertThat("Content-Length '" + value + "'", answer, startsWith("HTTP/1.1 400"));
        assertThat("Content-Length '" + value + "'", answer.toLowerCase(), containsString("content-length: 0\r\n"));
        assertThat("Content-Length '" + value + "'", answer, endsWith("\r\n\r\n"));
        io.restassured.RestAssured.given().queryParam("leadId", leadId).when().get("/api/decisions")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        assertNoStackTrace();
    }

    private void assertNoStackTrace() {
        List<LogRecord> traces = records.stream().filter(r -> r.getThrown() != null).toList();
        assertEquals(List.of(), traces.stream().map(r -> r.getLoggerName() + ": " + r.getThrown()).toList());
    }
}
