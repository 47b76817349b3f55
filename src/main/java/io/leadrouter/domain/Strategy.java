package io.leadrouter.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the distribution step picks one rep from the eligible reps of a pool. A rule chooses one with
 * {@code routing.assignToTeam("EMEA", "WEIGHTED")}; without one the pool's configured strategy applies, else
 * {@code routing.distribution.default-strategy}. See {@code docs/distribution.md}.
 */
public enum Strategy {
    /** Strict turns: the eligible rep who has waited longest since their last lead from this pool. */
    ROUND_ROBIN,
    /** Smooth weighted round robin (as in nginx): weights 3:1 give A A B A, A A B A ... */
    WEIGHTED,
    /** Fewest open leads; ties go to whoever was assigned least recently. */
    LEAST_LOADED;

    /** The strategy named (case-insensitive, {@code -} or {@code _}), or an exception listing the valid names. */
    public static Strategy parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("strategy must not be blank");
        }
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Strategy s : values()) {
            if (s.name().equals(normal)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + name + "'; use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
