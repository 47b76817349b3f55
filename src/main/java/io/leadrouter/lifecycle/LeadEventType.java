package io.leadrouter.lifecycle;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What happened to a lead after assignment. */
public enum LeadEventType {
    /** The rep worked it: an activity, a call, an email. Stops the SLA clock when in time. */
    FIRST_TOUCH,
    /** The CRM status changed; a change to a status other than "not worked yet" ones is a first touch. */
    STATUS_CHANGED,
    /** Qualified (counts as a touch too). */
    QUALIFIED,
    /** Disqualified (counts as a touch too). */
    DISQUALIFIED,
    /** Converted / won, with the won {@code amount} if known (counts as a touch too). */
    CONVERTED,
    /** The CRM owner changed; to someone other than the assignee, that is a person's decision and stops the clock. */
    OWNER_CHANGED;

    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The type named (case-insensitive), or null. */
    public static LeadEventType parse(String name) {
        if (name == null) {
            return null;
        }
        String normal = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.name().equals(normal)).findFirst().orElse(null);
    }
}
