package io.leadrouter.rest.exception;

import io.leadrouter.problem.Problem;

import io.leadrouter.backtest.BadInputException;
import io.leadrouter.backtest.CandidateRejectedException;
import io.leadrouter.engine.RuleError;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.List;

/**
 * Problem details for candidate checks and files of leads: 422 for a rule change that compiles but fails its rule
 * tests (or a blocking lint check), 400 naming row and column for a bad CSV or test file.
 */
public class CandidateProblemMappers {

    /** The 422 body of a rejected candidate: every failing case or blocking finding, located like compile errors. */
    public record RuleTestsFailedProblem(URI type, String title, int status, String detail, List<RuleError> errors) {
    }

    @ServerExceptionMapper
    public Response rejected(CandidateRejectedException e) {
        var verdict = e.verdict();
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(new RuleTestsFailedProblem(
                URI.create("https://lead-router.dev/problems/rule-checks-failed"), "Rule checks failed", 422,
                verdict.failures().size() + " failing rule test(s) of " + verdict.casesRun() + " and "
                        + verdict.blockingFindings().size() + " blocking lint finding(s); nothing was written and the "
                        + "active version keeps serving. An admin may activate anyway with force=true.",
                e.errors())).build();
    }

    @ServerExceptionMapper
    public Response badInput(BadInputException e) {
        return Problem.invalid(e.getMessage(), e.errors().stream()
                .map(error -> new Problem.FieldError(error.location(), error.message())).toList()).toResponse();
    }
}
