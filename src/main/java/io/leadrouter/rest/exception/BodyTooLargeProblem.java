package io.leadrouter.rest.exception;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with a
 * 413 problem detail. Quarkus itself refuses such a request before any resource sees it, with an empty 413; this
 * route runs just before that check (order -3 against Quarkus' -2) so the caller learns what the limit is. A chunked
 * body without a length that grows past the limit still gets Quarkus' plain 413.
 */
@ApplicationScoped
public class BodyTooLargeProblem {

    private final long limit;
    private final String body;

    BodyTooLargeProblem(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit,
                        ObjectMapper json) throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.body = json.writeValueAsString(Problem.payloadTooLarge("The body is larger than " + this.limit
                + " bytes (quarkus.http.limits.max-body-size); nothing was read or stored"));
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredLength(length) > limit) {
                // The body is not read: close the connection once the answer is out rather than drain it.
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body)
                        .onComplete(sent -> context.request().connection().close());
                return;
            }
            context.next();
        });
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // Left to the HTTP layer, which rejects a malformed length with 400.
        }
    }
}
