package io.leadrouter.console;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.rest.RepRequest;
import io.leadrouter.rest.RepView;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rep form: a rep's fields as text (lists comma-separated, working hours as {@code 09:00-12:00, 13:00-17:00} per
 * weekday), turned into the API's {@link RepRequest} and validated by its constraints. Conditional caps are kept as
 * they are (the API edits them).
 */
public class RepForm {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private List<RepRequest.SegmentCap> conditionalCaps = List.of();

    public static RepForm of(RepView rep) {
        RepForm form = new RepForm();
        form.values.put("id", rep.id());
        form.values.put("name", rep.name());
        form.values.put("email", rep.email() == null ? "" : rep.email());
        form.values.put("team", rep.team());
        form.values.put("territories", String.join(", ", rep.territories()));
        form.values.put("industries", String.join(", ", rep.industries()));
        form.values.put("segments", String.join(", ", rep.segments()));
        form.values.put("languages", String.join(", ", rep.languages()));
        form.values.put("tier", rep.tier().name());
        form.values.put("active", rep.active() ? "on" : "");
        form.values.put("availability", rep.availability().name());
        form.values.put("capacity", String.valueOf(rep.capacity()));
        form.values.put("openLeads", String.valueOf(rep.openLeads()));
        form.values.put("weight", String.valueOf(rep.weight()));
        form.values.put("timeZone", rep.timeZone());
        form.values.put("outOfOfficeUntil", rep.outOfOfficeUntil() == null ? "" : rep.outOfOfficeUntil().toString());
        form.values.put("holidayRegion", rep.holidayRegion() == null ? "" : rep.holidayRegion());
        form.values.put("dailyCap", String.valueOf(rep.dailyCap()));
        form.values.put("weeklyCap", String.valueOf(rep.weeklyCap()));
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> spans = rep.workingHours().get(day);
            form.values.put("hours." + day, spans == null ? "" : spans.stream().map(s -> s.from() + "-" + s.to())
                    .collect(Collectors.joining(", ")));
        }
        form.conditionalCaps = rep.conditionalCaps().stream()
                .map(c -> new RepRequest.SegmentCap(c.segment(), c.per(), c.limit())).toList();
        return form;
    }

    public static RepForm blank() {
        RepForm form = new RepForm();
        form.values.put("active", "on");
        form.values.put("tier", Tier.MID.name());
        form.values.put("availability", Availability.AVAILABLE.name());
        form.values.put("weight", "1");
        form.values.put("timeZone", "UTC");
        return form;
    }

    /** The submitted fields; {@code previous} supplies what the form does not edit (conditional caps). */
    public static RepForm of(MultivaluedMap<String, String> fields, RepForm previous) {
        RepForm form = new RepForm();
        fields.forEach((name, list) -> form.values.put(name, list.isEmpty() || list.get(0) == null ? "" : list.get(0).trim()));
        if (previous != null) {
            form.conditionalCaps = previous.conditionalCaps;
        }
        return form;
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public String error(String name) {
        return errors.get(name);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public Map<String, String> errors() {
        return errors;
    }

    public String hours(DayOfWeek day) {
        return value("hours." + day);
    }

    public String hoursError(DayOfWeek day) {
        return errors.get("hours." + day);
    }

    public DayOfWeek[] days() {
        return DayOfWeek.values();
    }

    public Availability[] availabilities() {
        return Availability.values();
    }

    public Tier[] tiers() {
        return Tier.values();
    }

    void put(String field, String value) {
        values.put(field, value);
    }

    void error(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    /** The request, or null with {@link #errors()} filled in. */
    RepRequest toRequest(String id, Validator validator) {
        Map<DayOfWeek, List<RepRequest.WorkingTime>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String text = value("hours." + day);
            if (text.isBlank()) {
                continue;
            }
            List<RepRequest.WorkingTime> spans = new ArrayList<>();
            for (String span : text.split(",")) {
                String[] ends = span.trim().split("-");
                try {
                    if (ends.length != 2) {
                        throw new DateTimeParseException("", span, 0);
                    }
                    spans.add(new RepRequest.WorkingTime(LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim())));
                } catch (DateTimeParseException e) {
                    error("hours." + day, "write spans as 09:00-17:00, separated by commas");
                }
            }
            hours.put(day, spans);
        }
        Set<Segment> segments = new LinkedHashSet<>();
        for (String s : list("segments")) {
            try {
                segments.add(Segment.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                error("segments", "must be among " + Arrays.toString(Segment.values()));
            }
        }
        RepRequest request = new RepRequest(id, text("name"), text("email"), text("team"), list("territories"),
                list("industries"), segments, list("languages"), choice("tier", Tier.class),
                "on".equals(value("active")) || "true".equals(value("active")), choice("availability", Availability.class),
                number("capacity"), number("openLeads"), number("weight"), text("timeZone"), date("outOfOfficeUntil"),
                hours, text("holidayRegion"), number("dailyCap"), number("weeklyCap"), conditionalCaps);
        for (ConstraintViolation<RepRequest> v : validator.validate(request)) {
            error(field(v.getPropertyPath()), v.getMessage());
        }
        return errors.isEmpty() ? request : null;
    }

    /** {@code territories[1]} and the like name the form field they came from: {@code territories}. */
    static String field(Path path) {
        String first = path.iterator().next().getName();
        return first == null ? path.toString() : first;
    }

    private String text(String name) {
        String v = value(name);
        return v.isBlank() ? null : v;
    }

    private Set<String> list(String name) {
        return Arrays.stream(value(name).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private Integer number(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            error(name, "must be a whole number");
            return null;
        }
    }

    private LocalDate date(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            error(name, "must be a date such as 2026-03-01");
            return null;
        }
    }

    private <E extends Enum<E>> E choice(String name, Class<E> type) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            error(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }
}
