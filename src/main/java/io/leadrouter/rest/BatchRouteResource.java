package io.leadrouter.rest;

import io.leadrouter.backtest.BadInputException;
import io.leadrouter.backtest.BatchRoutingService;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/route/batch")
@Tag(name = "Routing")
@Produces(MediaType.APPLICATION_JSON)
public class BatchRouteResource {

    private final BatchRoutingService batches;

    public BatchRouteResource(BatchRoutingService batches) {
        this.batches = batches;
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.CRM})
    @Operation(summary = "Route a CSV of leads for real, one decision per row",
            description = "Header = lead field names. Every row is routed exactly as if sent alone; bad rows are "
                    + "reported by row number and do not stop the rest; re-sending the same batchId routes no row twice.")
    public BatchRoutingService.BatchResult route(@QueryParam("batchId") String batchId, String body) {
        if (batchId == null || batchId.isBlank() || batchId.length() > 100) {
            throw BadInputException.at(null, "batchId", "required, 1 to 100 characters: re-sending a batch with the "
                    + "same id routes nothing twice");
        }
        return batches.route(batchId.trim(), body == null ? "" : body);
    }
}
