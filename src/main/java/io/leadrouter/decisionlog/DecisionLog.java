package io.leadrouter.decisionlog;

import io.leadrouter.decision.Assignee;
import io.leadrouter.decision.Decision;
import io.leadrouter.decision.Explanation;
import io.leadrouter.decision.Hold;
import io.leadrouter.decision.Reassignment;
import io.leadrouter.decision.Sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Priority;
import io.leadrouter.persistence.DecisionEntity;
import io.leadrouter.persistence.DecisionFilter;
import io.leadrouter.persistence.DecisionRepository;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores decisions with what they were based on, and reads them back for ops. */
@ApplicationScoped
public class DecisionLog {

    private static final TypeReference<List<MatchedRule>> MATCHED_RULES = new TypeReference<>() { };

    private final DecisionRepository decisions;
    private final ObjectMapper json;

    public DecisionLog(DecisionRepository decisions, ObjectMapper json) {
        this.decisions = decisions;
        this.json = json;
    }

    /**
     * The parts of a decision's log row that do not depend on the pick (the lead as received, the matched rules),
     * serialised before the route takes its pool's lock, so the lock is held for less.
     */
    public record Prepared(Lead lead, String leadSnapshot, String matchedRules, String leadEmail) {
    }

    public Prepared prepare(Lead lead, List<MatchedRule> matchedRules) {
        return new Prepared(lead, write(lead), write(matchedRules), lead.getEmail() == null
                || lead.getEmail().isBlank() ? null : lead.getEmail().trim().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * @param prepared what {@link #prepare} made of the lead as received and the decision's matched rules
     * @param pool     the pool the lead was distributed in, or null; caps and sticky ownership are counted from the
     *                 log, by assignee, segment, email and email domain
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Decision decision, Prepared prepared, String pool) {
        Lead lead = prepared.lead();
        DecisionEntity entity = new DecisionEntity();
        entity.id = decision.decisionId();
        entity.leadId = decision.leadId();
        entity.assigneeId = decision.assignee() == null ? null : decision.assignee().id();
        entity.queue = decision.queue();
        entity.score = decision.score();
        entity.priority = decision.priority().name();
        entity.rulesVersion = decision.rulesVersion();
        entity.decidedAt = decision.decidedAt();
        entity.assignee = decision.assignee() == null ? null : write(decision.assignee());
        entity.leadSnapshot = prepared.leadSnapshot();
        entity.matchedRules = prepared.matchedRules();
        entity.explanation = write(decision.explanation());
        entity.hold = decision.hold() == null ? null : write(decision.hold());
        entity.pool = pool;
        if (entity.assigneeId != null) {
            entity.assignedEmail = prepared.leadEmail();
            entity.assignedEmailDomain = lead.getEmailDomain();
        }
        entity.leadSegment = lead.getSegment() == null ? null : lead.getSegment().name();
        entity.sla = decision.sla() == null ? null : write(decision.sla());
        entity.reassignment = decision.reassignment() == null ? null : write(decision.reassignment());
        decisions.persist(entity);
    }

    @Transactional
    public Optional<Decision> find(UUID id) {
        return decisions.findByIdOptional(id).map(this::toDecision);
    }

    /**
     * A page of decisions matching the filter, newest first; {@code count} also counts them all (a scan of the
     * matching rows: cheap for one lead, the whole log without filters).
     */
    @Transactional
    public DecisionPage search(DecisionFilter filter, int page, int size, boolean count) {
        PanacheQuery<DecisionEntity> query = decisions.search(filter, page, size);
        List<DecisionEntity> rows = query.list();
        boolean hasMore = rows.size() > size;
        List<Decision> items = rows.stream().limit(size).map(this::toDecision).toList();
        Long total = count ? query.count() : null;
        Integer pages = total == null ? null : (int) ((total + size - 1) / size);
        return new DecisionPage(items, page, size, hasMore, total, pages);
    }

    private Decision toDecision(DecisionEntity e) {
        try {
            return Decision.stored(e.id, e.leadId, e.assignee == null ? null : json.readValue(e.assignee, Assignee.class),
                    e.queue, e.hold == null ? null : json.readValue(e.hold, Hold.class),
                    new Decision.Basis(e.score, Priority.valueOf(e.priority), json.readValue(e.matchedRules, MATCHED_RULES),
                            e.rulesVersion), json.readValue(e.explanation, Explanation.class),
                    e.sla == null ? null : json.readValue(e.sla, Sla.class),
                    e.reassignment == null ? null : json.readValue(e.reassignment, Reassignment.class),
                    e.decidedAt, json.readTree(e.leadSnapshot));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Decision " + e.id + " is stored with unreadable JSON", ex);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
