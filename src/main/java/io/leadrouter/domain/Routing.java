package io.leadrouter.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The outcome of one evaluation, and the only thing rule actions write to. Available in every rule as the global
 * {@code routing} ({@code global io.leadrouter.domain.Routing routing;}).
 *
 * <p>The first assignment wins: rules fire from the highest salience down, so the rule with the highest precedence
 * decides and any later assignment is recorded as ignored. Score and priority changes are written to the
 * {@link Lead} fact straight away, so rules with a lower salience see them in their conditions.
 *
 * <p>Not thread-safe, and need not be: every evaluation has its own.
 */
public final class Routing {

    private final Lead lead;
    private final Consumer<String> leadChanged;
    private final List<ScoreChange> scoreChanges = new ArrayList<>();
    private List<String> currentEffects = new ArrayList<>();
    private String currentRule = "(engine)";
    private RoutingTarget target;
    private String targetRule;
    private Tier minimumTier;
    private Duration sla;
    private String slaRule;

    /**
     * @param lead        the lead fact under evaluation
     * @param leadChanged told the name of each lead property a rule changed, so the engine can re-evaluate the
     *                    conditions that read it
     */
    public Routing(Lead lead, Consumer<String> leadChanged) {
        this.lead = Objects.requireNonNull(lead);
        this.leadChanged = Objects.requireNonNull(leadChanged);
    }

    /** Longest queue name a decision can store (column {@code decision.queue}). */
    public static final int MAX_QUEUE_LENGTH = 200;
    /** Longest pool key ({@code team:emea}) the fairness state and the decision can store ({@code pool_key}, {@code decision.pool}). */
    public static final int MAX_POOL_KEY_LENGTH = 300;

    // ---- Actions for rule authors -------------------------------------------------------------------------------

    /** Assign the lead to this rep. The engine still refuses a rep who is not eligible (inactive, away, at capacity). */
    public void assignTo(Rep rep) {
        assign(new RoutingTarget(RoutingTarget.Kind.REP, Objects.requireNonNull(rep, "rep").getId()));
    }

    /** Assign the lead to the rep with this id. */
    public void assignToRep(String repId) {
        assign(new RoutingTarget(RoutingTarget.Kind.REP, requireText(repId, "repId")));
    }

    /** Assign the lead to one eligible rep of the team, chosen by the distribution step. */
    public void assignToTeam(String team) {
        assign(new RoutingTarget(RoutingTarget.Kind.TEAM, requireText(team, "team")));
    }

    /**
     * Assign the lead to one eligible rep of the team, picked with the named strategy: {@code "ROUND_ROBIN"},
     * {@code "WEIGHTED"} or {@code "LEAST_LOADED"} (see {@link Strategy}). A null or blank strategy means the pool's
     * default, so a decision-table column may be left empty.
     */
    public void assignToTeam(String team, String strategy) {
        assign(new RoutingTarget(RoutingTarget.Kind.TEAM, requireText(team, "team"), strategyOrDefault(strategy)));
    }

    /** Assign the lead to one eligible rep who lists the industry or use case as a specialty. */
    public void assignToSpecialists(String specialty) {
        assign(new RoutingTarget(RoutingTarget.Kind.SPECIALISTS, requireText(specialty, "specialty")));
    }

    /** Like {@link #assignToSpecialists(String)}, picking the rep with the named strategy (see {@link #assignToTeam(String, String)}). */
    public void assignToSpecialists(String specialty, String strategy) {
        assign(new RoutingTarget(RoutingTarget.Kind.SPECIALISTS, requireText(specialty, "specialty"), strategyOrDefault(strategy)));
    }

    /** Put the lead in a CRM queue instead of assigning a rep. */
    public void routeToQueue(String queue) {
        assign(new RoutingTarget(RoutingTarget.Kind.QUEUE, requireText(queue, "queue")));
    }

    /** Only reps of at least this tier may receive the lead, whichever rule picks the pool. The highest wins. */
    public void requireTier(Tier tier) {
        Objects.requireNonNull(tier, "tier");
        if (minimumTier == null || tier.compareTo(minimumTier) > 0) {
            minimumTier = tier;
            currentEffects.add("requireTier(" + tier + ")");
        } else {
            currentEffects.add("requireTier(" + tier + ") ignored: " + minimumTier + " already required");
        }
    }

    /** Add points to the lead score (negative points subtract). Rules with lower salience see the new score. */
    public void addScore(int points, String reason) {
        String why = reason == null || reason.isBlank() ? currentRule : reason;
        scoreChanges.add(new ScoreChange(points, why, currentRule));
        // Saturates: a score at the int limit plus points must not wrap to a negative score.
        lead.setScore((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) lead.getScore() + points)));
        currentEffects.add("addScore(" + (points >= 0 ? "+" : "") + points + ", " + why + ")");
        leadChanged.accept("score");
    }

    /** Add points to the lead score, giving the rule name as the reason. */
    public void addScore(int points) {
        addScore(points, null);
    }

    /** Set the lead's priority. Rules with lower salience see it. */
    public void setPriority(Priority priority) {
        Objects.requireNonNull(priority, "priority");
        lead.setPriority(priority);
        currentEffects.add("setPriority(" + priority + ")");
        leadChanged.accept("priority");
    }

    /** Raise the priority to {@code priority} unless it is already at least that urgent. */
    public void raisePriority(Priority priority) {
        if (!lead.getPriority().atLeast(priority)) {
            setPriority(priority);
        }
    }

    /**
     * The assignment's response SLA: time to first touch, as an ISO-8601 duration ({@code "PT15M"}, {@code "PT4H"}),
     * counted in the assignee's working hours, time zone and holidays. Not touched in time, the lead is re-routed to
     * the next eligible rep of the pool (see {@code routing.sla.*}). When several rules set one, the shortest wins.
     */
    public void sla(String isoDuration) {
        if (isoDuration == null || isoDuration.isBlank()) {
            throw new IllegalArgumentException("sla must be an ISO-8601 duration such as PT15M");
        }
        Duration parsed;
        try {
            parsed = Duration.parse(isoDuration.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sla '" + isoDuration + "' is not an ISO-8601 duration such as PT15M");
        }
        sla(parsed);
    }

    /** Like {@link #sla(String)}. */
    public void sla(Duration duration) {
        Objects.requireNonNull(duration, "sla");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("sla must be positive, not " + duration);
        }
        if (sla == null || duration.compareTo(sla) < 0) {
            sla = duration;
            slaRule = currentRule;
            currentEffects.add("sla(" + duration + ")");
        } else {
            currentEffects.add("sla(" + duration + ") ignored: " + sla + " already set");
        }
    }

    // ---- Read by rules and by the service ----------------------------------------------------------------------

    /** True once a rule has assigned the lead. */
    public boolean isAssigned() {
        return target != null;
    }

    public RoutingTarget getTarget() {
        return target;
    }

    /** Name of the rule whose assignment stands. */
    public String getTargetRule() {
        return targetRule;
    }

    public Tier getMinimumTier() {
        return minimumTier;
    }

    /** The SLA a rule set, or null. */
    public Duration getSla() {
        return sla;
    }

    /** The rule that set {@link #getSla()}. */
    public String getSlaRule() {
        return slaRule;
    }

    public List<ScoreChange> getScoreChanges() {
        return List.copyOf(scoreChanges);
    }

    public int getScore() {
        return lead.getScore();
    }

    public Priority getPriority() {
        return lead.getPriority();
    }

    // ---- Called by the engine around each rule firing ----------------------------------------------------------

    /** The engine names the rule about to fire, so every effect is attributed to it. */
    public void beginRule(String ruleName) {
        currentRule = ruleName;
        currentEffects = new ArrayList<>();
    }

    /** What the rule that just fired did, in order. */
    public List<String> endRule() {
        List<String> effects = currentEffects;
        currentRule = "(engine)";
        currentEffects = new ArrayList<>();
        return effects;
    }

    private void assign(RoutingTarget candidate) {
        // A value the database cannot store would fail the lead when its decision is written: refuse it here, so the
        // evaluation fails with this reason and the lead goes to the fallback queue instead.
        if (candidate.kind() == RoutingTarget.Kind.QUEUE && candidate.value().length() > MAX_QUEUE_LENGTH) {
            throw new IllegalArgumentException("queue name has " + candidate.value().length()
                    + " characters; at most " + MAX_QUEUE_LENGTH + " can be stored");
        }
        if (candidate.isPool() && candidate.poolKey().length() > MAX_POOL_KEY_LENGTH) {
            throw new IllegalArgumentException("pool key '" + candidate.poolKey().substring(0, 40) + "…' has "
                    + candidate.poolKey().length() + " characters; at most " + MAX_POOL_KEY_LENGTH + " can be stored");
        }
        if (target != null) {
            currentEffects.add("assign to " + candidate + " ignored: already assigned to " + target + " by " + targetRule);
            return;
        }
        target = candidate;
        targetRule = currentRule;
        currentEffects.add("assign to " + candidate + (candidate.strategy() == null ? "" : " by " + candidate.strategy()));
    }

    private static Strategy strategyOrDefault(String strategy) {
        return strategy == null || strategy.isBlank() ? null : Strategy.parse(strategy);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.trim();
    }
}
