package io.leadrouter.domain;

/** How urgently the lead should be worked. Ordered from least to most urgent. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    /** True when this priority is at least as urgent as {@code other}. */
    public boolean atLeast(Priority other) {
        return compareTo(other) >= 0;
    }
}
