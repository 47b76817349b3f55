package io.leadrouter.domain;

/** Company size band. Derived from the employee count when the CRM does not send one. */
public enum Segment {
    SMB,
    MID_MARKET,
    ENTERPRISE;

    /** Below this many employees a company is SMB. */
    public static final int MID_MARKET_FROM = 100;
    /** From this many employees on a company is enterprise. */
    public static final int ENTERPRISE_FROM = 1000;

    /** The segment for an employee count, or {@code null} when the count is unknown. */
    public static Segment fromEmployees(Integer employees) {
        if (employees == null) {
            return null;
        }
        if (employees >= ENTERPRISE_FROM) {
            return ENTERPRISE;
        }
        return employees >= MID_MARKET_FROM ? MID_MARKET : SMB;
    }
}
