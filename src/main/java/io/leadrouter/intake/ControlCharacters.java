package io.leadrouter.intake;

import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Control characters (NUL, newline, escape …) in ids, filters and header values: refused with a 400 naming the
 * field, before they reach a log line (where a newline forges entries) or the database (where PostgreSQL refuses NUL
 * with an error that used to surface as a 500, or as a 503 the CRM retried forever).
 */
public class ControlCharacters {

    /** For {@code @Pattern}: a string without C0 control characters or DEL. */
    public static final String NONE = "[^\\x00-\\x1F\\x7F]*";
    public static final String MESSAGE = "must not contain control characters (NUL, newline, tab, escape)";

    public static boolean present(String value) {
        return value != null && !value.matches(NONE);
    }

    /** 400 naming {@code field} when {@code value} holds a control character. */
    public static void refuse(String field, String value) {
        if (present(value)) {
            throw new ProblemException(Problem.invalid(List.of(new Problem.FieldError(field, MESSAGE))));
        }
    }

    /** A value for a log line: control characters written as {@code \\uXXXX}, so one request is one line. */
    public static String escape(String value) {
        if (value == null || !present(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Checks every path and query parameter of every {@code /api} and webhook request. */
    @ServerRequestFilter
    public void checkParameters(UriInfo uri) {
        if (uri.getPath().startsWith("/webhooks/salesforce")) {
            return; // Salesforce reads SOAP faults: its endpoint checks its one parameter (token) itself.
        }
        Map<String, String> errors = new TreeMap<>();
        collect(uri.getPathParameters(true), errors);
        collect(uri.getQueryParameters(true), errors);
        if (!errors.isEmpty()) {
            List<Problem.FieldError> fields = new ArrayList<>();
            errors.forEach((name, message) -> fields.add(new Problem.FieldError(name, message)));
            throw new ProblemException(Problem.invalid(fields));
        }
    }

    private static void collect(MultivaluedMap<String, String> parameters, Map<String, String> errors) {
        parameters.forEach((name, values) -> {
            if (present(name) || values.stream().anyMatch(ControlCharacters::present)) {
                errors.put(escape(name), MESSAGE);
            }
        });
    }
}
