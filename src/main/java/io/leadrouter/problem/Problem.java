package io.leadrouter.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer.
 *
 * @param type   a URI naming the kind of problem
 * @param title  the kind of problem, in words, the same for every occurrence
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param errors one entry per bad field, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://lead-router.dev/problems/";

    /**
     * @param field   the JSON path of the bad field ({@code "country"}, {@code "territories[1]"})
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String slug, String title, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status.getStatusCode(), detail, List.of());
    }

    /** A 413 for a request body over a size limit; {@code detail} names the limit. */
    public static Problem payloadTooLarge(String detail) {
        return of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Payload too large", detail);
    }

    /** A 400 naming each bad field, with a detail that counts them. */
    public static Problem invalid(List<FieldError> errors) {
        return invalid(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + "invalid-request"), "Invalid request", 400, detail, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
