package io.leadrouter.domain;

/**
 * Where a rule sent the lead: one rep, a pool of reps (a team or the specialists in an industry), or a CRM queue.
 * A pool is narrowed to one rep by the distribution step.
 *
 * @param kind  what {@code value} names
 * @param value the rep id, team name, specialty or queue name
 */
public record RoutingTarget(Kind kind, String value) {

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
