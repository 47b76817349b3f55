package io.leadrouter.distribution;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Everything the distribution step reads from the database for one lead, loaded after the pool's row lock is held
 * (dry runs read without the lock).
 *
 * @param turn      the pool's turn: assignments it has made
 * @param members   pool state by rep id (reps without a row have not been seen in the pool yet)
 * @param openLeads open leads by rep id, read fresh
 * @param usage     cap-window counts by rep id
 * @param holidays  holiday dates around now by region code (upper-case)
 * @param owner     the lead's existing owner, when sticky ownership found one
 */
public record PoolSnapshot(long turn, Map<String, MemberState> members, Map<String, Integer> openLeads,
                    Map<String, Usage> usage, Map<String, Set<LocalDate>> holidays, Owner owner) {

    static final PoolSnapshot EMPTY = new PoolSnapshot(0, Map.of(), Map.of(), Map.of(), Map.of(), null);

    /**
     * @param repId the owner
     * @param why   how they were found ({@code "existing owner per CRM"}, {@code "owner of lead L-1 with the same email"})
     */
    record Owner(String repId, String why) {
    }

    public Usage usageOf(String repId) {
        return usage.getOrDefault(repId, Usage.NONE);
    }

    public PoolSnapshot withUsage(String repId, Usage fresh) {
        Map<String, Usage> copy = new java.util.HashMap<>(usage);
        copy.put(repId, fresh);
        return new PoolSnapshot(turn, members, openLeads, copy, holidays, owner);
    }
}
