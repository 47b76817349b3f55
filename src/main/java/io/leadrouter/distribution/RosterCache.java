package io.leadrouter.distribution;

import io.leadrouter.domain.Rep;
import io.leadrouter.persistence.ClusterChanges;
import io.leadrouter.persistence.RepRepository;
import io.leadrouter.persistence.TransactionEnd;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roster in memory (reps, and so pool membership), rebuilt when {@link ClusterChanges} says it changed: at once
 * for a write on this instance, at the next cluster poll for another instance's. Routes read no roster row.
 *
 * <p>What changes with every route is not part of the snapshot: open-lead counts are kept beside it, refreshed from
 * every pool read a route makes ({@link #observed}, read under the pool's lock for a real route), from this
 * instance's own assignments when they commit ({@link #afterCommit}), and at every cluster poll for all reps. Rules
 * see these counts (so {@code Rep(eligible)}'s capacity part may lag another instance's assignments by up to a poll
 * interval, as it lagged concurrent routes before); placement uses the counts read for the route itself.
 */
@ApplicationScoped
public class RosterCache {

    private static final Logger LOG = Logger.getLogger(RosterCache.class);

    private record Loaded(long generation, List<Rep> reps) {
    }

    private final RepRepository reps;
    private final ClusterChanges changes;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, Integer> openLeads = new ConcurrentHashMap<>();
    private volatile Loaded loaded;

    RosterCache(RepRepository reps, ClusterChanges changes, TransactionSynchronizationRegistry transactions) {
        this.reps = reps;
        this.changes = changes;
        this.transactions = transactions;
    }

    /**
     * The roster as rule facts, ordered by id, as copies this route may change (availability is fixed per route).
     * Reads the database only when the roster changed since it was last read.
     */
    public List<Rep> roster() {
        Loaded current = loaded;
        long generation = changes.generation(ClusterChanges.Topic.ROSTER);
        if (current == null || current.generation() != generation) {
            // The generation is taken before the read: a write committing meanwhile moves it, and this copy is stale.
            List<Rep> read = reps.roster();
            read.forEach(r -> openLeads.put(r.getId(), r.getOpenLeads()));
            openLeads.keySet().retainAll(read.stream().map(Rep::getId).toList());
            current = new Loaded(generation, List.copyOf(read));
            loaded = current;
        }
        List<Rep> copies = new ArrayList<>(current.reps().size());
        for (Rep rep : current.reps()) {
            copies.add(copy(rep, openLeads.getOrDefault(rep.getId(), rep.getOpenLeads())));
        }
        return copies;
    }

    /** Open-lead counts a route just read (for a real route: under the pool's lock). */
    public void observed(Map<String, Integer> counts) {
        Loaded current = loaded;
        if (current == null) {
            return;
        }
        counts.forEach((id, n) -> openLeads.computeIfPresent(id, (k, old) -> n));
    }

    /** The rep's open leads move by {@code delta} once the current transaction commits (this instance's own write). */
    public void afterCommit(String repId, int delta) {
        boolean registered = TransactionEnd.onCompletion(transactions, status -> {
            if (status == Status.STATUS_COMMITTED) {
                move(repId, delta);
            }
        });
        if (!registered) {
            move(repId, delta);
        }
    }

    private void move(String repId, int delta) {
        openLeads.computeIfPresent(repId, (k, old) -> Math.max(0, old + delta));
    }

    /** Every cluster poll: other instances' assignments and closed leads, for all reps in one statement. */
    void refresh(@Observes ClusterChanges.Polled polled) {
        if (loaded == null || loaded.reps().isEmpty()) {
            return;
        }
        try {
            Map<String, Integer> counts = QuarkusTransaction.requiringNew().call(reps::openLeads);
            counts.forEach((id, n) -> openLeads.computeIfPresent(id, (k, old) -> n));
        } catch (RuntimeException e) {
            LOG.warnf("Could not refresh the reps' open leads: %s", e.getMessage());
        }
    }

    private static Rep copy(Rep r, int openLeads) {
        Rep c = new Rep();
        c.setId(r.getId());
        c.setName(r.getName());
        c.setEmail(r.getEmail());
        c.setTeam(r.getTeam());
        // The collections are immutable (the setters copy them once, when the snapshot is built): shared, not copied.
        c.setTerritories(r.getTerritories());
        c.setIndustries(r.getIndustries());
        c.setSegments(r.getSegments());
        c.setLanguages(r.getLanguages());
        c.setTier(r.getTier());
        c.setActive(r.isActive());
        c.setAvailability(r.getAvailability());
        c.setCapacity(r.getCapacity());
        c.setOpenLeads(openLeads);
        c.setWeight(r.getWeight());
        c.setTimeZone(r.getTimeZone());
        c.setOutOfOfficeUntil(r.getOutOfOfficeUntil());
        c.setWorkingHours(r.getWorkingHours());
        c.setHolidayRegion(r.getHolidayRegion());
        c.setDailyCap(r.getDailyCap());
        c.setWeeklyCap(r.getWeeklyCap());
        c.setConditionalCaps(r.getConditionalCaps());
        return c;
    }
}
