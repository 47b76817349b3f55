package io.leadrouter.rest.exception;

import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Maps every failure to an RFC 9457 problem detail: bad input to a 400 naming each bad field, HTTP errors to their
 * status, and anything unexpected to a 500 that carries a reference for the logs but never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, jakarta.ws.rs.core.UriInfo uri) {
        if (uri.getPath().startsWith("/console")) {
            // A person at the web console: to the login form, not a basic-auth prompt.
            boolean failedLogin = uri.getPath().equals("/console/j_security_check");
            return Response.status(Response.Status.FOUND)
                    .location(java.net.URI.create(failedLogin ? "/console/login?error=true" : "/console/login")).build();
        }
        Response problem = Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "Authenticate with basic auth, or with an API key in the X-API-Key header").toResponse();
        return Response.fromResponse(problem).header("WWW-Authenticate", "Basic realm=\"lead-router\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, "forbidden", "Forbidden",
                e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                        : "Your role does not allow this; see the README for which role each endpoint needs").toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.invalid(errors)
                .toResponse();
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class})
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problem.invalid("The request has a field this API does not know",
                    List.of(new Problem.FieldError(jsonPath(unknown), "unknown field; known fields are "
                            + unknown.getKnownPropertyIds()))).toResponse();
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return Problem.invalid("A field has a value this API does not know",
                    List.of(new Problem.FieldError(jsonPath(format), "'" + format.getValue() + "' is not one of: " + allowed)))
                    .toResponse();
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            return Problem.invalid("A field has the wrong type",
                    List.of(new Problem.FieldError(jsonPath(mismatch), "must be " + expected))).toResponse();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problem.invalid("A field has a value this API cannot read",
                    List.of(new Problem.FieldError(jsonPath(mapping), "has the wrong type or format"))).toResponse();
        }
        if (e instanceof com.fasterxml.jackson.core.exc.InputCoercionException coercion) {
            String field = currentField(coercion.getProcessor());
            return Problem.invalid("A number is out of range",
                    List.of(new Problem.FieldError(field, "is too large or too small for this field"))).toResponse();
        }
        // Words only: Jackson's own messages name Java classes ("Cannot deserialize value of type `io.leadrouter…`").
        String detail;
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            detail = "The body must hold exactly one JSON value; there is more content after it";
        } else if (e instanceof MismatchedInputException) {
            detail = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content")
                    ? "The body is empty; send a JSON object" : "The body must be a JSON object";
        } else if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            detail = "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        } else {
            detail = "The body is not valid JSON";
        }
        return Problem.invalid(detail, List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null) {
            status = Response.Status.BAD_REQUEST;
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? status.getReasonPhrase() : e.getMessage();
        return Problem.of(status, slug(status), status.getReasonPhrase(), detail).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (DatabaseFailures.isUnavailable(e)) {
            return databaseUnavailable(e);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, reference %s", reference);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; quote reference " + reference + " when reporting it").toResponse();
    }

    /** Seconds a client is asked to wait when the database or its connection pool is unavailable. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    /**
     * Database down or pool exhausted (e.g. a burst right after a restart) is back-pressure, not an internal error:
     * 503 with {@code Retry-After}, logged in one line without a stack trace; the pool recovers by itself.
     */
    private static Response databaseUnavailable(Exception e) {
        LOG.warnf("Database unavailable, answering 503: %s", e.getMessage());
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "database-unavailable",
                        "Database unavailable",
                        "The database is not reachable or has no free connection right now; retry after "
                                + DATABASE_RETRY_AFTER_SECONDS + " seconds").toResponse())
                .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS).build();
    }

    private static String slug(Response.Status status) {
        return status.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    /** {@code route.lead.country} → {@code country}: the method and parameter names mean nothing to a client. */
    private static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        int index = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            // First two nodes are the resource method and its parameter.
            if (index++ < 2 && (node.getKind() == jakarta.validation.ElementKind.METHOD
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER)) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (!path.isEmpty() && !node.getName().startsWith("<")) {
                path.append('.');
            }
            if (!node.getName().startsWith("<")) {
                path.append(node.getName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String currentField(com.fasterxml.jackson.core.JsonParser parser) {
        try {
            return parser != null && parser.currentName() != null ? parser.currentName() : "body";
        } catch (java.io.IOException e) {
            return "body";
        }
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T09:30:00Z";
        }
        if (type == java.time.LocalDate.class) {
            return "a date such as 2026-03-01";
        }
        if (type == java.time.LocalTime.class) {
            return "a time such as 09:00";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        // A type of ours (a record of the request) or of the JDK: its name means nothing to a client.
        return "an object";
    }
}
