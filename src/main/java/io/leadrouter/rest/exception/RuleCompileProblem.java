package io.leadrouter.rest.exception;

import io.leadrouter.problem.Problem;

import io.leadrouter.engine.RuleError;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * The RFC 9457 problem detail for rules that do not compile: 422, with every error located by file and line, or by
 * sheet and row for a decision table.
 */
public record RuleCompileProblem(URI type, String title, int status, String detail, List<RuleError> errors) {

    public static RuleCompileProblem of(List<RuleError> errors) {
        return new RuleCompileProblem(URI.create("https://lead-router.dev/problems/rules-do-not-compile"),
                "Rules do not compile", 422,
                errors.size() + " compile error(s); nothing was written and the active version keeps serving", errors);
    }

    public Response toResponse() {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(this).build();
    }
}
