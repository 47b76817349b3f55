package io.leadrouter.domain;

/**
 * Where a rule sent the lead: one rep, a pool of reps (a team or the specialists in an industry), or a CRM queue.
 * A pool is narrowed to one rep by the distribution step.
 *
 * @param kind     what {@code value} names
 * @param value    the rep id, team name, specialty or queue name
 * @param strategy how to pick one rep of a pool, when the rule named one; null for the pool's default
 */
public record RoutingTarget(Kind kind, String value, Strategy strategy) {

    public RoutingTarget(Kind kind, String value) {
        this(kind, value, null);
    }

    /** True for a team or the specialists of an industry: several reps, narrowed to one by a strategy. */
    public boolean isPool() {
        return kind == Kind.TEAM || kind == Kind.SPECIALISTS;
    }

    /**
     * The key the pool's fairness state is stored under: {@code team:emea}, {@code specialists:healthcare}. Team and
     * specialty match case-insensitively, so the key is lower-case.
     */
    public String poolKey() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value.toLowerCase(java.util.Locale.ROOT);
    }

    public enum Kind {
        /** One named rep ({@code routing.assignTo(rep)}). */
        REP,
        /** Every rep of a team ({@code routing.assignToTeam("EMEA")}). */
        TEAM,
        /** Every rep with the specialty ({@code routing.assignToSpecialists("Healthcare")}). */
        SPECIALISTS,
        /** A CRM queue, nobody in particular ({@code routing.routeToQueue("Nurture")}). */
        QUEUE
    }

    @Override
    public String toString() {
        return switch (kind) {
            case REP -> "rep " + value;
            case TEAM -> "team " + value;
            case SPECIALISTS -> "specialists in " + value;
            case QUEUE -> "queue " + value;
        };
    }
}
