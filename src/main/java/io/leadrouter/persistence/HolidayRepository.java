package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Public holidays by region. */
@ApplicationScoped
public class HolidayRepository implements PanacheRepositoryBase<HolidayEntity, HolidayEntity.Key> {

    /** Holiday dates between the two days (inclusive) by region code (upper-case). */
    public Map<String, Set<LocalDate>> between(LocalDate from, LocalDate to) {
        Map<String, Set<LocalDate>> byRegion = new HashMap<>();
        list("day >= ?1 and day <= ?2", from, to).forEach(h -> byRegion
                .computeIfAbsent(h.region.toUpperCase(Locale.ROOT), r -> new HashSet<>()).add(h.day));
        return byRegion;
    }

    public List<HolidayEntity> all() {
        return listAll(Sort.by("region").and("day"));
    }
}
