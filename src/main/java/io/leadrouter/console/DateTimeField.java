package io.leadrouter.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** A console form's date-time field: an ISO instant, or a browser's {@code datetime-local} value read as UTC. */
final class DateTimeField {

    private DateTimeField() {
    }

    /** The instant, or null when blank or unreadable (then {@code errors} names the field). */
    static Instant parse(String name, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.trim().endsWith("Z") ? Instant.parse(value.trim())
                    : LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.put(name, "must be a date and time such as 2026-01-31T09:00 (UTC)");
            return null;
        }
    }
}
