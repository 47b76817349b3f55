package io.leadrouter.bench;

import io.leadrouter.intake.LeadRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.persistence.DecisionEntity;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.intake.LeadRequest;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Baselines for the HTTP benchmarks (BENCHMARKS.md). Lives in {@code src/bench/app/java}, which only the Maven profile
 * {@code bench} adds to the application's sources (bench/run.sh builds with {@code -Pbench}): the default build, and so
 * the production jar, does not contain this class. Same authentication, JSON binding and validation as
 * {@code POST /api/route}, so the difference is the routing.
 */
@Path("/bench")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BenchmarkBaselineResource {

    private final DecisionRepository decisions;
    private final ObjectMapper json;

    public BenchmarkBaselineResource(DecisionRepository decisions, ObjectMapper json) {
        this.decisions = decisions;
        this.json = json;
    }

    @POST
    @Path("/echo")
    @RolesAllowed({Roles.CRM, Roles.OPS, Roles.ADMIN})
    @Operation(hidden = true)
    public LeadRequest echo(@NotNull @Valid LeadRequest lead) {
        return lead;
    }

    /** A decision-log row written with a plain Panache persist, without evaluating any rule. */
    @POST
    @Path("/insert")
    @Transactional
    @RolesAllowed({Roles.CRM, Roles.ADMIN})
    @Operation(hidden = true)
    public Map<String, Object> insert(@NotNull @Valid LeadRequest lead) throws JsonProcessingException {
        DecisionEntity entity = new DecisionEntity();
        entity.id = UUID.randomUUID();
        entity.leadId = lead.id();
        entity.queue = "Unassigned";
        entity.score = lead.score() == null ? 0 : lead.score();
        entity.priority = "NORMAL";
        entity.rulesVersion = "bench";
        entity.decidedAt = Instant.now();
        // The same documents a routed decision stores, so the rows weigh about the same.
        entity.leadSnapshot = json.writeValueAsString(lead.toLead());
        entity.matchedRules = json.writeValueAsString(java.util.List.of(Map.of("name", "T-00001",
                "source", "decision-tables/territories.xlsx", "kind", "decision-table", "sheet", "Territories",
                "row", 10, "salience", 500, "effects", java.util.List.of("assignToTeam(US team 1)"))));
        entity.explanation = json.writeValueAsString(Map.of("pool", "team US team 1", "candidates", java.util.List.of(),
                "excluded", java.util.List.of(), "strategy", "fallback"));
        decisions.persist(entity);
        return Map.of("decisionId", entity.id, "leadId", entity.leadId);
    }
}
