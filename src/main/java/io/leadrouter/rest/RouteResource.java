package io.leadrouter.rest;

import io.leadrouter.routing.Decision;
import io.leadrouter.routing.RoutingService;
import io.leadrouter.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import io.leadrouter.rest.exception.Problem;
import io.leadrouter.rest.exception.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/route")
@Tag(name = "Routing")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    private final RoutingService routing;
    private final SecurityIdentity caller;

    public RouteResource(RoutingService routing, SecurityIdentity caller) {
        this.routing = routing;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.CRM, Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Route a lead", description = "Evaluates the rules against the roster and answers with the "
            + "assignment and the rules that matched. The decision is logged unless dryRun is true. Roles: crm or admin; "
            + "ops with dryRun=true.")
    public Decision route(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
                                  name = "German enterprise lead", summary = "Routed to the DACH Enterprise team by the example rules",
                                  value = """
                                          {"id": "00Q-1001", "email": "ada@beispiel.de", "firstName": "Ada", "lastName": "Lovelace",
                                           "company": "Beispiel AG", "country": "DE", "employees": 2500, "industry": "Manufacturing",
                                           "source": "Webinar", "estimatedDealValue": 60000}""")))
                          @NotNull(message = "a lead is required") @Valid LeadRequest lead,
                          @Parameter(description = "true: answer the same decision but store and count nothing. Only "
                                  + "true or false (any case); anything else is a 400, never a real decision",
                                  schema = @Schema(type = SchemaType.BOOLEAN))
                          @QueryParam("dryRun") @DefaultValue("false") String dryRunParameter) {
        boolean dryRun = strictBoolean("dryRun", dryRunParameter);
        if (!dryRun && !caller.hasRole(Roles.CRM) && !caller.hasRole(Roles.ADMIN)) {
            // Ops may try rules out, but only CRMs (and admins) create decisions and advance counters.
            throw new ForbiddenException("Role ops may only route with dryRun=true");
        }
        return routing.route(lead.toLead(), dryRun);
    }

    /** {@code true} or {@code false} in any case; {@code 1}, {@code yes} or an empty value are refused. */
    static boolean strictBoolean(String name, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new ProblemException(Problem.invalid(List.of(new Problem.FieldError(name,
                "must be true or false, not '" + ControlCharacters.escape(value) + "'"))));
    }
}
