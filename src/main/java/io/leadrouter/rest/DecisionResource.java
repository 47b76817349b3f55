package io.leadrouter.rest;

import io.leadrouter.persistence.DecisionFilter;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.decision.Decision;
import io.leadrouter.decisionlog.DecisionLog;
import io.leadrouter.decisionlog.DecisionPage;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/api/decisions")
@Tag(name = "Decision log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class DecisionResource {

    static final int MAX_PAGE_SIZE = 200;
    /** Deeper pages are a scan of the whole log: narrow the search by time instead. */
    static final long MAX_OFFSET = 1_000_000;
    /** Timestamps the database stores: years 1 to 9999. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final DecisionLog log;

    public DecisionResource(DecisionLog log) {
        this.log = log;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One decision with the lead as received, the rules that fired and the explanation")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "404", description = "No decision with this id")
    public Decision get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("Not a decision id",
                    List.of(new Problem.FieldError("id", "must be a UUID"))));
        }
        return log.find(uuid).orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                "decision-not-found", "Decision not found", "No decision with id " + id)));
    }

    @GET
    @Operation(summary = "Search the decision log, newest first",
            description = "Filters combine: leadId, repId (the assignee), rulesVersion (the version that decided), "
                    + "from (inclusive) and to (exclusive) as "
                    + "ISO-8601 instants. Pages start at 0; hasMore says whether an older page exists. totalItems and "
                    + "totalPages are counted when the search names a leadId or count=true is given (a count of the "
                    + "whole log is a scan).")
    public DecisionPage search(@QueryParam("leadId") String leadId, @QueryParam("repId") String repId,
                               @QueryParam("rulesVersion") String rulesVersion,
                               @QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("page") @DefaultValue("0") String page,
                               @QueryParam("size") @DefaultValue("20") String size,
                               @QueryParam("count") @DefaultValue("false") String count) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        int pageIndex = integer("page", page, 0, Integer.MAX_VALUE, errors);
        int pageSize = integer("size", size, 1, MAX_PAGE_SIZE, errors);
        boolean counted = bool("count", count, errors);
        if ((long) pageIndex * pageSize > MAX_OFFSET) {
            errors.add(new Problem.FieldError("page", "page × size must be at most " + MAX_OFFSET
                    + "; narrow the search with from and to instead"));
        }
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("Invalid search parameters", errors));
        }
        String lead = blankToNull(leadId);
        return log.search(new DecisionFilter(lead, blankToNull(repId), null, null, blankToNull(rulesVersion), fromInstant,
                toInstant), pageIndex, pageSize, counted || lead != null);
    }

    private static Instant instant(String name, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value.trim());
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                errors.add(new Problem.FieldError(name, "must be between years 0001 and 9999"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"));
            return null;
        }
    }

    private static int integer(String name, String value, int min, int max, List<Problem.FieldError> errors) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                errors.add(new Problem.FieldError(name, "must be between " + min + " and " + max));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(name, "must be a whole number"));
            return min;
        }
    }

    private static boolean bool(String name, String value, List<Problem.FieldError> errors) {
        String v = value == null ? "" : value.trim();
        if (!v.equals("true") && !v.equals("false")) {
            errors.add(new Problem.FieldError(name, "must be true or false"));
        }
        return v.equals("true");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
