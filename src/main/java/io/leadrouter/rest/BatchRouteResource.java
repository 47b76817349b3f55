package io.leadrouter.rest;

import io.leadrouter.backtest.BadInputException;
import io.leadrouter.backtest.BatchJobs;
import io.leadrouter.backtest.BatchRoutingService;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/route/batch")
@Tag(name = "Routing")
@Produces(MediaType.APPLICATION_JSON)
public class BatchRouteResource {

    private final BatchRoutingService batches;
    private final BatchJobs jobs;

    public BatchRouteResource(BatchRoutingService batches, BatchJobs jobs) {
        this.batches = batches;
        this.jobs = jobs;
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.CRM})
    @Operation(summary = "Route a CSV of leads for real, one decision per row",
            description = "Header = lead field names. Every row is routed exactly as if sent alone; bad rows are "
                    + "reported by row number and do not stop the rest; re-sending the same batchId routes no row twice.")
    @APIResponse(responseCode = "200", description = "Every row routed, skipped (routed by an earlier send of this batchId) or refused", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchRoutingService.BatchResult.class)))
    @APIResponse(responseCode = "202", description = "async=true: the job, started; follow it at GET /api/route/batch/{batchId}", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchJobs.JobView.class)))
    @APIResponse(responseCode = "409", description = "async=true and a job of this batchId is running")
    public Response route(@QueryParam("batchId") String batchId, @QueryParam("async") boolean async, String body) {
        if (batchId == null || batchId.isBlank() || batchId.length() > 100) {
            throw BadInputException.at(null, "batchId", "required, 1 to 100 characters: re-sending a batch with the "
                    + "same id routes nothing twice");
        }
        String csv = body == null ? "" : body;
        if (!async) {
            return Response.ok(batches.route(batchId.trim(), csv)).build();
        }
        if (csv.isBlank()) {
            throw BadInputException.at(null, "body", "the file is empty: the first row must name the lead fields");
        }
        try {
            return Response.accepted(jobs.start(batchId.trim(), csv).view()).build();
        } catch (IllegalStateException e) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, "conflict", "Conflict", e.getMessage()));
        }
    }

    @POST
    @Consumes({"application/x-ndjson", "application/jsonl"})
    @RolesAllowed({Roles.ADMIN, Roles.CRM})
    @Operation(summary = "Route JSON lines of leads for real, one decision per line",
            description = "One lead object a line, fields named like the CSV columns (attributes an object); row "
                    + "numbers are line numbers. Otherwise as the CSV: fair, per-row errors, batchId, async.")
    @APIResponse(responseCode = "200", description = "Every line routed, skipped or refused", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchRoutingService.BatchResult.class)))
    @APIResponse(responseCode = "202", description = "async=true: the job, started", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchJobs.JobView.class)))
    @APIResponse(responseCode = "409", description = "async=true and a job of this batchId is running")
    public Response routeJsonLines(@QueryParam("batchId") String batchId, @QueryParam("async") boolean async,
                                   String body) {
        return route(batchId, async, body, true);
    }

    private Response route(String batchId, boolean async, String body, boolean jsonLines) {
        if (batchId == null || batchId.isBlank() || batchId.length() > 100) {
            throw BadInputException.at(null, "batchId", "required, 1 to 100 characters: re-sending a batch with the "
                    + "same id routes nothing twice");
        }
        String text = body == null ? "" : body;
        if (!async) {
            return Response.ok(jsonLines ? batches.routeJsonLines(batchId.trim(), text, BatchRoutingService.NO_PROGRESS)
                    : batches.route(batchId.trim(), text)).build();
        }
        if (text.isBlank()) {
            throw BadInputException.at(null, "body", "the body is empty: send the leads");
        }
        try {
            return Response.accepted(jobs.start(batchId.trim(), text, jsonLines).view()).build();
        } catch (IllegalStateException e) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, "conflict", "Conflict", e.getMessage()));
        }
    }

    @GET
    @Path("/{batchId}")
    @RolesAllowed({Roles.ADMIN, Roles.OPS, Roles.CRM})
    @Operation(summary = "Progress of a batch job: done/total, routed, errors, rows per second")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No batch job of this id on this instance")
    public BatchJobs.JobView progress(@PathParam("batchId") String batchId) {
        return jobs.find(batchId).map(BatchJobs.Job::view).orElseThrow(() -> notFound(batchId));
    }

    @DELETE
    @Path("/{batchId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Cancel a batch job after the row it is routing; rows routed so far stay routed")
    @APIResponse(responseCode = "200", description = "The job, cancelled")
    @APIResponse(responseCode = "404", description = "No batch job of this id on this instance")
    public BatchJobs.JobView cancel(@PathParam("batchId") String batchId) {
        return jobs.cancel(batchId).map(BatchJobs.Job::view).orElseThrow(() -> notFound(batchId));
    }

    private static ProblemException notFound(String batchId) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "Not found",
                "no batch job " + batchId + " on this instance"));
    }
}
