package io.leadrouter.console;

import io.leadrouter.persistence.DecisionFilter;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadrouter.decision.Decision;
import io.leadrouter.decisionlog.DecisionLog;
import io.leadrouter.decisionlog.DecisionPage;
import io.leadrouter.security.Roles;
import io.leadrouter.webhook.PushbackEntity;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The decision log: filter, page, and one decision with the lead as received, its explanation and push-back. */
@Path("/console/decisions")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class DecisionsConsoleResource {

    static final int PAGE_SIZE = 25;

    /** One field of the lead as received. */
    public record LeadField(String name, String value) {
    }

    private final DecisionLog log;
    private final ConsoleSession session;
    private final Template list;
    private final Template detail;

    public DecisionsConsoleResource(DecisionLog log, ConsoleSession session,
                                    @Location("console/decisions.html") Template list,
                                    @Location("console/decision.html") Template detail) {
        this.log = log;
        this.session = session;
        this.list = list;
        this.detail = detail;
    }

    @GET
    public Response search(@QueryParam("leadId") String leadId, @QueryParam("repId") String repId,
                           @QueryParam("queue") String queue, @QueryParam("ruleId") String ruleId,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("page") Integer page) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant fromInstant = DateTimeField.parse("from", from, errors);
        Instant toInstant = DateTimeField.parse("to", to, errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.put("to", "must be after From");
        }
        int index = page == null || page < 0 ? 0 : page;
        DecisionPage result = errors.isEmpty()
                ? log.search(new DecisionFilter(blank(leadId), blank(repId), blank(queue), blank(ruleId), null,
                        fromInstant, toInstant), index, PAGE_SIZE, blank(leadId) != null)
                : DecisionPage.empty(PAGE_SIZE);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("leadId", orEmpty(leadId));
        filters.put("repId", orEmpty(repId));
        filters.put("queue", orEmpty(queue));
        filters.put("ruleId", orEmpty(ruleId));
        filters.put("from", orEmpty(from));
        filters.put("to", orEmpty(to));
        StringBuilder query = new StringBuilder();
        filters.forEach((k, v) -> {
            if (!v.isBlank()) {
                query.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        String html = session.page(list, "decisions", "Decisions").data("filters", filters).data("errors", errors)
                .data("result", result).data("query", query.toString()).data("page", index).data("pageNumber", index + 1).data("newerPage", index - 1)
                .data("hasOlder", result.hasMore()).render();
        return Response.status(errors.isEmpty() ? 200 : 400).type(MediaType.TEXT_HTML + ";charset=UTF-8").entity(html).build();
    }

    @GET
    @Path("{id}")
    public String show(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ConsoleRefusal(404, "No such decision", "A decision id looks like 0b5c2c1e-…; " + id + " is not one.");
        }
        Decision decision = log.find(uuid).orElseThrow(() -> new ConsoleRefusal(404, "No such decision",
                "There is no decision " + id + " in the log."));
        List<LeadField> lead = new ArrayList<>();
        if (decision.lead() != null) {
            decision.lead().fields().forEachRemaining(f -> lead.add(new LeadField(f.getKey(), text(f.getValue()))));
        }
        List<PushbackEntity> pushbacks = PushbackEntity.list("decisionId", uuid);
        return session.page(detail, "decisions", "Decision for lead " + decision.leadId()).data("decision", decision)
                .data("lead", lead).data("pushbacks", pushbacks).render();
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
