package io.leadrouter.rest;

import io.leadrouter.lifecycle.LeadHistoryService;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/leads/{leadId}/history")
@Tag(name = "Lead lifecycle")
@Produces(MediaType.APPLICATION_JSON)
public class LeadHistoryResource {

    private final LeadHistoryService history;

    public LeadHistoryResource(LeadHistoryService history) {
        this.history = history;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "A lead's story", description = "Every decision (assigned, with SLA and due time; "
            + "reassigned after a breach, with the reason and previousDecisionId), SLA clocks breached or stopped, and "
            + "lifecycle events, in time order. Roles: ops, admin.")
    @APIResponse(responseCode = "404", description = "The lead was never routed by this service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The lead's decisions, events and SLA")
    public LeadHistoryService.History get(@PathParam("leadId") String leadId) {
        return history.of(leadId).orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                "lead-not-routed", "Lead not routed", "Lead " + leadId + " has never been routed by this service")));
    }
}
