package io.leadrouter.rest;

import io.leadrouter.backtest.CandidateChecks;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/rules/lint")
@Tag(name = "Rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleLintResource {

    private final RuleEngine engine;
    private final CandidateChecks checks;

    public RuleLintResource(RuleEngine engine, CandidateChecks checks) {
        this.engine = engine;
        this.checks = checks;
    }

    /**
     * The checks of the active version, run now against today's roster and decision log.
     *
     * @param version     the active version's id
     * @param casesRun    rule test cases run
     * @param failures    failing rule tests
     * @param findings    every lint finding, each located
     * @param blockOn     finding kinds configured to block activation
     */
    public record LintReport(String version, int casesRun, java.util.List<io.leadrouter.backtest.RuleTestFailure> failures,
                             java.util.List<io.leadrouter.backtest.LintFinding> findings, java.util.Set<String> blockOn) {
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Lint and rule tests of the active rule version",
            description = "Same-salience rules of one activation group that can match the same lead, shadowed rows, "
                    + "targets nobody active on the roster can serve (or not at a required tier), rules dead over "
                    + "routing.lint.dead-rule-days; each finding with file and line or sheet and row.")
    public LintReport lint() {
        var active = engine.active();
        CandidateChecks.Verdict verdict = checks.check(active.rules());
        return new LintReport(active.version().id(), verdict.casesRun(), verdict.failures(), verdict.findings(),
                verdict.blockOn());
    }
}
