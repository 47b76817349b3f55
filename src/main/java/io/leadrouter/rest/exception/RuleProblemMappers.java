package io.leadrouter.rest.exception;

import io.leadrouter.problem.Problem;

import io.leadrouter.engine.RuleCompilationException;
import io.leadrouter.reload.RuleFileRejectedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.List;

/** Problem details for rule changes: 422 for rules that do not compile, 400/404/413 for rejected files. */
public class RuleProblemMappers {

    @ServerExceptionMapper
    public Response doesNotCompile(RuleCompilationException e) {
        return RuleCompileProblem.of(e.errors()).toResponse();
    }

    @ServerExceptionMapper
    public Response rejected(RuleFileRejectedException e) {
        return switch (e.reason()) {
            case INVALID_PATH -> Problem.invalid("Not a rule file path",
                    List.of(new Problem.FieldError("path", e.getMessage()))).toResponse();
            case TOO_LARGE -> new Problem(URI.create("https://lead-router.dev/problems/file-too-large"),
                    "File too large", 413, "The rule file is too large",
                    List.of(new Problem.FieldError("body", e.getMessage()))).toResponse();
            case NOT_FOUND -> Problem.of(Response.Status.NOT_FOUND, "not-found", "Not found", e.getMessage()).toResponse();
            case GONE -> Problem.of(Response.Status.GONE, "rule-version-files-removed", "Rule version files removed",
                    e.getMessage()).toResponse();
        };
    }
}
