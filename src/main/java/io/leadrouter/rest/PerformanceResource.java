package io.leadrouter.rest;

import io.leadrouter.lifecycle.PerformanceFacts;
import io.leadrouter.lifecycle.PerformanceFigures;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/analytics/performance")
@Tag(name = "Lead lifecycle")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class PerformanceResource {

    private final PerformanceFacts facts;

    public PerformanceResource(PerformanceFacts facts) {
        this.facts = facts;
    }

    @GET
    @Path("/reps")
    @Operation(summary = "Per rep: leads assigned, touched, time to first touch, SLA breaches, outcomes",
            description = "Over the leads assigned in the last `days` days (UTC, today included). Roles: ops, admin.")
    public List<PerformanceFigures> reps(@Parameter(description = "Window in days, 1 to 366")
                                         @QueryParam("days") @DefaultValue("30") String days) {
        return facts.figures("rep", days(days));
    }

    @GET
    @Path("/rules")
    @Operation(summary = "Per rule id: the same figures for the leads each rule routed",
            description = "A rule's conversion rate is what to watch when adjusting it. Roles: ops, admin.")
    public List<PerformanceFigures> rules(@Parameter(description = "Window in days, 1 to 366")
                                          @QueryParam("days") @DefaultValue("30") String days) {
        return facts.figures("rule", days(days));
    }

    private static int days(String value) {
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 1 && days <= 366) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // Answered below.
        }
        throw new ProblemException(Problem.invalid("Invalid window",
                List.of(new Problem.FieldError("days", "must be a whole number from 1 to 366"))));
    }
}
