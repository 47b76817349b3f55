package io.leadrouter.distribution;

/**
 * A rep's standing in one pool.
 *
 * @param lastTurn      the pool turn of their last lead, or of joining the pool
 * @param currentWeight smooth weighted round robin's running weight
 * @param assignedTotal leads the pool gave them
 */
public record MemberState(long lastTurn, long currentWeight, long assignedTotal) {

    /** A rep first seen in the pool joins at the current turn: at the back of the line, owed nothing. */
    static MemberState joining(long turn) {
        return new MemberState(turn, 0, 0);
    }
}
