package io.leadrouter.security;

/**
 * The three roles. Endpoints list every role they admit, admin included, so each annotation reads on its own.
 */
public final class Roles {

    /** Rules upload, reload and rollback (code execution: DRL actions are Java), roster edits, everything else. */
    public static final String ADMIN = "admin";
    /** Read decisions, pools and rule status; dry runs. */
    public static final String OPS = "ops";
    /** CRMs: route leads and deliver webhooks. */
    public static final String CRM = "crm";

    private Roles() {
    }
}
