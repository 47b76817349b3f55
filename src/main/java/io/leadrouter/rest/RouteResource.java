package io.leadrouter.rest;

import io.leadrouter.intake.ControlCharacters;
import io.leadrouter.intake.LeadRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.leadrouter.decision.Decision;
import io.leadrouter.routing.IdempotentRouting;
import io.leadrouter.routing.RoutingService;
import io.leadrouter.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final RoutingService routing;
    private final IdempotentRouting idempotent;
    private final SecurityIdentity caller;
    /** The lead as sent, with map keys sorted: the same lead gives the same digest whatever the attribute order. */
    private final ObjectWriter canonical;

    public RouteResource(RoutingService routing, IdempotentRouting idempotent, SecurityIdentity caller,
                         ObjectMapper json) {
        this.routing = routing;
        this.idempotent = idempotent;
        this.caller = caller;
        this.canonical = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    @POST
    @RolesAllowed({Roles.CRM, Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Route a lead", description = "Evaluates the rules against the roster and answers with the "
            + "assignment and the rules that matched. The decision is logged unless dryRun is true. A repeat (the same "
            + "Idempotency-Key, or the same lead id within routing.idempotency.duplicate-window unless reroute=true) "
            + "answers the stored decision with duplicate: true and routes nothing. Roles: crm or admin; ops with "
            + "dryRun=true.")
    @APIResponse(responseCode = "200", description = "The decision (dryRun: true when nothing was stored; duplicate: true for a repeat)")
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was sent before with a different lead; nothing was routed")
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
                          @QueryParam("dryRun") @DefaultValue("false") String dryRunParameter,
                          @Parameter(description = "true: route even if this lead id was routed within "
                                  + "routing.idempotency.duplicate-window (a known Idempotency-Key still answers its "
                                  + "decision). Only true or false", schema = @Schema(type = SchemaType.BOOLEAN))
                          @QueryParam("reroute") @DefaultValue("false") String rerouteParameter,
                          @Parameter(description = "Any string of at most 200 characters, unique per request, e.g. a "
                                  + "UUID. A repeat with the same key and lead answers the first decision with "
                                  + "duplicate: true; the same key with a different lead is a 409. Remembered "
                                  + "routing.idempotency.key-retention, per caller; ignored on dry runs")
                          @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        boolean dryRun = strictBoolean("dryRun", dryRunParameter);
        boolean reroute = strictBoolean("reroute", rerouteParameter);
        if (!dryRun && !caller.hasRole(Roles.CRM) && !caller.hasRole(Roles.ADMIN)) {
            // Ops may try rules out, but only CRMs (and admins) create decisions and advance counters.
            throw new ForbiddenException("Role ops may only route with dryRun=true");
        }
        if (dryRun) {
            return routing.route(lead.toLead(), true);
        }
        return idempotent.route(lead.toLead(), key(idempotencyKey, lead), reroute);
    }

    /** 503 with {@code Retry-After}: a concurrent repeat of this route has not committed yet. */
    @ServerExceptionMapper
    public Response retryLater(IdempotentRouting.RetryLater e) {
        return Response.fromResponse(e.problem().toResponse()).header("Retry-After", e.retryAfterSeconds()).build();
    }

    private IdempotentRouting.Key key(String header, LeadRequest lead) {
        if (header == null) {
            return null;
        }
        String key = header.strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || ControlCharacters.present(key)) {
            throw new ProblemException(Problem.invalid(List.of(new Problem.FieldError(IDEMPOTENCY_KEY,
                    "must be 1 to " + MAX_KEY_LENGTH + " characters without control characters"))));
        }
        return new IdempotentRouting.Key(caller.getPrincipal().getName(), key, digest(lead));
    }

    private String digest(LeadRequest lead) {
        try {
            byte[] sent = canonical.writeValueAsBytes(lead);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sent));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot digest the lead", e);
        }
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
