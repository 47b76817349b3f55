package io.leadrouter.domain;

/** A rep's seniority. High-value and high-priority leads go to the upper tiers. */
public enum Tier {
    JUNIOR,
    MID,
    SENIOR;

    /** True when this tier is at least {@code other}. */
    public boolean atLeast(Tier other) {
        return compareTo(other) >= 0;
    }
}
