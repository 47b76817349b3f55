package io.leadrouter.rest.exception;

import io.leadrouter.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request body over {@code quarkus.http.limits.max-body-size} with a 413 problem detail naming the limit.
 * <ul>
 * <li>A declared {@code Content-Length} over the limit: Quarkus itself refuses it before any resource sees it, with an
 * empty 413; this route runs just before that check (order -3 against Quarkus' -2).</li>
 * <li>A chunked body (no length): Quarkus only notices the excess while the resource reads it, answers an empty 413
 * from inside the JSON reader and the failed read is logged as an error. This route reads such a body first, up to
 * the limit, and hands it to the resource whole; past the limit it answers the problem and closes the connection.
 * Form and multipart bodies are left to Quarkus' form parser, which reads the request itself.</li>
 * </ul>
 */
@ApplicationScoped
public class BodyTooLargeProblem {

    private final long limit;
    private final String declaredTooLarge;
    private final String chunkedTooLarge;

    BodyTooLargeProblem(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit,
                        ObjectMapper json) throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.declaredTooLarge = json.writeValueAsString(Problem.payloadTooLarge("The body is larger than " + this.limit
                + " bytes (quarkus.http.limits.max-body-size); nothing was read or stored"));
        this.chunkedTooLarge = json.writeValueAsString(Problem.payloadTooLarge("The chunked body grew past "
                + this.limit + " bytes (quarkus.http.limits.max-body-size); it was not processed and nothing was stored"));
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(context -> {
            HttpServerRequest request = context.request();
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredLength(length) > limit) {
                refuse(context, declaredTooLarge);
                return;
            }
            if (length == null && isChunked(request) && !isForm(request)) {
                readChunkedBody(context);
                return;
            }
            context.next();
        });
    }

    private void readChunkedBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                refused[0] = true;
                refuse(context, chunkedTooLarge);
                return;
            }
            body.appendBuffer(chunk);
        });
        // A client that goes away mid-body has no one to answer; nothing was processed.
        request.exceptionHandler(gone -> refused[0] = true);
        request.endHandler(end -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    /** The body is not read further: close the connection once the answer is out rather than drain it. */
    private static void refuse(RoutingContext context, String problem) {
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(problem)
                .onComplete(sent -> context.request().connection().close());
    }

    private static boolean isChunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        String lower = type.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded");
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // Left to the HTTP layer, which rejects a malformed length with 400.
        }
    }
}
