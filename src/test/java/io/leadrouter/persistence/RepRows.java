package io.leadrouter.persistence;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Tier;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Rep rows written straight to the database for tests that build their own pools: an available, active, mid-tier
 * rep with weight 1 in UTC, named after its id, committed at once, so the roster cache learns of it through its
 * entity callbacks like any other write.
 */
public final class RepRows {

    private RepRows() {
    }

    public static void add(String id, String team) {
        add(id, team, e -> { });
    }

    /** @param tweak changes the row before it is stored (caps, hours, absences…) */
    public static void add(String id, String team, Consumer<RepEntity> tweak) {
        QuarkusTransaction.requiringNew().run(() -> {
            RepEntity e = new RepEntity();
            e.id = id;
            e.name = id;
            e.team = team;
            e.tier = Tier.MID;
            e.active = true;
            e.availability = Availability.AVAILABLE;
            e.weight = 1;
            e.timeZone = "UTC";
            e.updatedAt = Instant.now();
            tweak.accept(e);
            e.persist();
        });
    }
}
