package io.leadrouter.console;

import io.leadrouter.pools.PoolService;
import io.leadrouter.pools.PoolStatus;
import io.leadrouter.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Comparator;
import java.util.List;

/** Fairness per pool (turns, counts, who is next) and analytics over a window of the decision log. */
@Path("/console/fairness")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class FairnessConsoleResource {

    static final List<Integer> WINDOWS = List.of(1, 7, 30, 90);

    /** A pool and the member whose turn it is under round robin (the longest wait among those available now). */
    public record PoolRow(PoolStatus pool, String next) {
    }

    private final PoolService pools;
    private final AnalyticsService analytics;
    private final ConsoleSession session;
    private final Template page;

    public FairnessConsoleResource(PoolService pools, AnalyticsService analytics, ConsoleSession session,
                                   @Location("console/fairness.html") Template page) {
        this.pools = pools;
        this.analytics = analytics;
        this.session = session;
        this.page = page;
    }

    @GET
    public String show(@QueryParam("days") Integer days) {
        int window = days != null && WINDOWS.contains(days) ? days : 7;
        List<PoolRow> rows = pools.all().stream().map(p -> new PoolRow(p, next(p))).toList();
        AnalyticsService.Window w = analytics.window(window);
        return session.page(page, "fairness", "Fairness and analytics").data("pools", rows).data("window", w)
                .data("days", window).data("windows", WINDOWS)
                .data("repChart", BarChart.of("chart-reps", "Leads per rep", w.perRep()))
                .data("teamChart", BarChart.of("chart-teams", "Leads per team or queue", w.perTeam()))
                .data("dayChart", BarChart.of("chart-days", "Leads per day (UTC)", w.perDay()))
                .data("ruleChart", BarChart.of("chart-rules", "Rule fire counts", w.ruleFires()))
                .render();
    }

    /** Round robin's pick among members available now: smallest last turn; by weight the strategy decides per lead. */
    private static String next(PoolStatus pool) {
        return pool.members().stream().filter(m -> m.inPool() && m.availableNow())
                .min(Comparator.comparing((PoolStatus.Member m) -> m.lastTurn() == null ? Long.MIN_VALUE : m.lastTurn())
                        .thenComparing(PoolStatus.Member::repId))
                .map(m -> m.name() + " (" + m.repId() + ")").orElse("nobody available now");
    }
}
