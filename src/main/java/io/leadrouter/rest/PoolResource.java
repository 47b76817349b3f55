package io.leadrouter.rest;

import io.leadrouter.pools.PoolService;
import io.leadrouter.pools.PoolStatus;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The distribution pools and how fairly they have shared out leads. */
@Path("/api/pools")
@Tag(name = "Distribution")
@Produces(MediaType.APPLICATION_JSON)
public class PoolResource {

    private final PoolService pools;

    public PoolResource(PoolService pools) {
        this.pools = pools;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Every pool's fairness state", description = "Per pool: its turn, default strategy and "
            + "policy when nobody is eligible; per rep: last turn, current weight, whether they could take a lead now "
            + "and why not, and leads from the pool today, this week (in the rep's time zone) and in total.")
    public List<PoolStatus> list() {
        return pools.all();
    }
}
