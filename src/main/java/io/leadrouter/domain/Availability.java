package io.leadrouter.domain;

/** A rep's manual status. Only {@link #AVAILABLE} reps receive leads. */
public enum Availability {
    AVAILABLE,
    AWAY,
    OUT_OF_OFFICE
}
