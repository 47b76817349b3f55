package io.leadrouter.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import java.util.Base64;

/**
 * Answers a malformed {@code Authorization: Basic …} header (not base64, not {@code user:password}, empty) with the
 * same 401 problem detail as a wrong password. Quarkus' basic mechanism throws on bad base64, which surfaced as a 500;
 * this route runs ahead of Quarkus' authentication filter (priority 200, route order -200), so the mechanism never
 * sees such a header. Other schemes are left alone: basic auth ignores them and a protected endpoint answers 401.
 * Webhooks authenticate by signature or token and the console by its session cookie: neither uses this header the
 * way the API does, so their paths are not checked here (Salesforce's optional basic auth answers its own SOAP fault).
 */
@ApplicationScoped
public class MalformedAuthorizationProblem {

    /** Before Quarkus' authentication filter, which is installed at order -200. */
    private static final int ORDER = -210;
    private static final String BASIC = "basic";

    private final String body;

    MalformedAuthorizationProblem(ObjectMapper json) throws JsonProcessingException {
        this.body = json.writeValueAsString(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "The Authorization header is malformed: basic credentials are 'Basic ' followed by the base64 of "
                        + "user:password; or send an API key in the X-API-Key header"));
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || path.startsWith("/webhooks/") || path.equals("/console") || path.startsWith("/console/")
                || !isMalformedBasic(header)) {
            context.next();
            return;
        }
        context.response().setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Basic realm=\"lead-router\"")
                .end(body);
    }

    /** True for a header of the basic scheme whose credentials are not the base64 of {@code user:password}. */
    static boolean isMalformedBasic(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase(BASIC)) {
            return false;
        }
        String credentials = space < 0 ? "" : value.substring(space + 1).strip();
        if (credentials.isEmpty()) {
            return true;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException notBase64) {
            return true;
        }
        // The colon is the same byte in every charset Quarkus may decode the credentials with (UTF-8, ISO-8859-1).
        for (byte b : decoded) {
            if (b == ':') {
                return false;
            }
        }
        return true;
    }
}
