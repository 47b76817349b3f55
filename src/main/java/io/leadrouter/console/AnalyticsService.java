package io.leadrouter.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Counts over the decision log for the Fairness and analytics page: leads per rep, team and day, how often each rule
 * fired, which active rules never fired, fallbacks and holds. Dry runs are never logged, so never counted.
 */
@ApplicationScoped
public class AnalyticsService {

    /** Decisions read per window at most, so the page stays fast on a big log. */
    static final int MAX_DECISIONS = 50_000;
    private static final TypeReference<List<MatchedRule>> MATCHED_RULES = new TypeReference<>() { };

    /**
     * @param decisions  decisions counted
     * @param truncated  true when the window held more than {@link #MAX_DECISIONS}
     * @param perRep     leads per rep (name and id)
     * @param perTeam    leads per team of the assignee, or per queue
     * @param perDay     leads per UTC day
     * @param ruleFires  per rule name, times it fired, most first
     * @param neverFired active rules that fired for no decision in the window
     * @param fallbacks  decisions that went to the fallback queue
     * @param queued     decisions that went to any queue
     * @param holds      decisions held because nobody was eligible
     */
    public record Window(Instant from, Instant to, int decisions, boolean truncated, Map<String, Long> perRep,
                         Map<String, Long> perTeam, Map<String, Long> perDay, Map<String, Long> ruleFires,
                         List<String> neverFired, long fallbacks, long queued, long holds) {
    }

    private final DecisionRepository decisions;
    private final RepRepository reps;
    private final RuleEngine engine;
    private final ObjectMapper json;
    private final String fallbackQueue;

    public AnalyticsService(DecisionRepository decisions, RepRepository reps, RuleEngine engine, ObjectMapper json,
                            RoutingConfig config) {
        this.decisions = decisions;
        this.reps = reps;
        this.engine = engine;
        this.json = json;
        this.fallbackQueue = config.fallbackQueue();
    }

    @Transactional
    public Window window(int days) {
        Instant to = Instant.now();
        Instant from = to.truncatedTo(ChronoUnit.DAYS).minus(days - 1L, ChronoUnit.DAYS);
        List<DecisionRepository.Outcome> outcomes = decisions.outcomes(from, to, MAX_DECISIONS + 1);
        boolean truncated = outcomes.size() > MAX_DECISIONS;
        if (truncated) {
            outcomes = outcomes.subList(0, MAX_DECISIONS);
        }
        Map<String, RepEntity> roster = reps.listAll().stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
        Map<String, Long> perRep = new LinkedHashMap<>();
        Map<String, Long> perTeam = new LinkedHashMap<>();
        Map<String, Long> perDay = new TreeMap<>();
        Map<String, Long> fires = new LinkedHashMap<>();
        long fallbacks = 0;
        long queued = 0;
        long holds = 0;
        for (var d = from; d.isBefore(to); d = d.plus(1, ChronoUnit.DAYS)) {
            perDay.put(d.atZone(ZoneOffset.UTC).toLocalDate().toString(), 0L);
        }
        for (DecisionRepository.Outcome o : outcomes) {
            perDay.merge(o.decidedAt().atZone(ZoneOffset.UTC).toLocalDate().toString(), 1L, Long::sum);
            if (o.assigneeId() != null) {
                RepEntity rep = roster.get(o.assigneeId());
                perRep.merge(rep == null ? o.assigneeId() : rep.name + " (" + rep.id + ")", 1L, Long::sum);
                perTeam.merge(rep == null ? "(rep no longer on the roster)" : "team " + rep.team, 1L, Long::sum);
            } else if (o.held()) {
                holds++;
                perTeam.merge("held", 1L, Long::sum);
            } else {
                queued++;
                if (fallbackQueue.equals(o.queue())) {
                    fallbacks++;
                }
                perTeam.merge("queue " + o.queue(), 1L, Long::sum);
            }
            for (MatchedRule rule : rules(o.matchedRules())) {
                fires.merge(rule.name(), 1L, Long::sum);
            }
        }
        TreeSet<String> never = new TreeSet<>();
        for (String key : engine.active().rules().origins().keySet()) {
            String name = key.substring(key.indexOf('/') + 1);
            if (!fires.containsKey(name)) {
                never.add(name);
            }
        }
        return new Window(from, to, outcomes.size(), truncated, sortedDescending(perRep), sortedDescending(perTeam),
                perDay, sortedDescending(fires), List.copyOf(never), fallbacks, queued, holds);
    }

    private List<MatchedRule> rules(String matchedRules) {
        try {
            return json.readValue(matchedRules, MATCHED_RULES);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static Map<String, Long> sortedDescending(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
