package io.leadrouter.rest;

import io.leadrouter.lifecycle.EventReceipt;
import io.leadrouter.lifecycle.EventSource;
import io.leadrouter.lifecycle.LeadEventService;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/leads/{leadId}/events")
@Tag(name = "Lead lifecycle")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LeadEventResource {

    private final LeadEventService events;

    public LeadEventResource(LeadEventService events) {
        this.events = events;
    }

    @POST
    @RolesAllowed({Roles.CRM, Roles.ADMIN})
    @Operation(summary = "Record what happened to a routed lead", description = "First touch, status change, "
            + "qualification, disqualification, conversion (with amount) or an owner change in the CRM. A touch (or an "
            + "owner change by a person) before the SLA is due stops the clock; the figures of the rep and the rule move. "
            + "Idempotent by eventId: 201 the first time, 200 with duplicate=true after. 404 for a lead never routed "
            + "(nothing stored), 409 for an eventId reused for a different event, 400 for bad fields. Roles: crm, admin.")
    @APIResponse(responseCode = "201", description = "Recorded: what it was attributed to and what it did",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventReceipt.class)))
    @APIResponse(responseCode = "200", description = "Received before (duplicate=true): the stored receipt, nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventReceipt.class)))
    @APIResponse(responseCode = "404", description = "The lead was never routed by this service; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The eventId was used for a different event",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("leadId") String leadId,
                           @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
                                   name = "First touch", value = """
                                           {"eventId": "evt-1001-1", "type": "FIRST_TOUCH", "occurredAt": "2026-12-03T09:06:00Z",
                                            "actor": "user:4711"}"""))) LeadEventRequest body) {
        if (body == null) {
            throw new ProblemException(Problem.invalid("An event is required",
                    List.of(new Problem.FieldError("body", "must be a JSON object with eventId, type and occurredAt"))));
        }
        EventReceipt receipt = events.record(EventSource.API, leadId == null ? null : leadId.trim(), body.toEvent());
        return Response.status(receipt.duplicate() ? Response.Status.OK : Response.Status.CREATED).entity(receipt).build();
    }
}
