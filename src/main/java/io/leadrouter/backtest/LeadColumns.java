package io.leadrouter.backtest;

import io.leadrouter.domain.CustomerType;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Segment;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The columns of a file of leads (a backtest or batch CSV, a rule test file): a header row of lead field names exactly
 * as {@code rules/README.md} documents them ({@code id}, {@code country}, {@code employees} ...), plus
 * {@code attributes.<name>} for a custom CRM field. A blank cell means the CRM did not send the field.
 */
public final class LeadColumns {

    /** Sets one field from a non-blank cell; throws IllegalArgumentException with a message for a bad value. */
    private static final Map<String, BiConsumer<Lead, String>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("id", Lead::setId);
        FIELDS.put("email", Lead::setEmail);
        FIELDS.put("firstName", Lead::setFirstName);
        FIELDS.put("lastName", Lead::setLastName);
        FIELDS.put("company", Lead::setCompany);
        FIELDS.put("country", (l, v) -> l.setCountry(v.toUpperCase(Locale.ROOT)));
        FIELDS.put("region", (l, v) -> l.setRegion(v.toUpperCase(Locale.ROOT)));
        FIELDS.put("postalCode", Lead::setPostalCode);
        FIELDS.put("industry", Lead::setIndustry);
        FIELDS.put("useCase", Lead::setUseCase);
        FIELDS.put("employees", (l, v) -> l.setEmployees((int) wholeNumber(v, Integer.MAX_VALUE)));
        FIELDS.put("annualRevenue", (l, v) -> l.setAnnualRevenue(wholeNumber(v, Long.MAX_VALUE)));
        FIELDS.put("estimatedDealValue", (l, v) -> l.setEstimatedDealValue(wholeNumber(v, Long.MAX_VALUE)));
        FIELDS.put("source", Lead::setSource);
        FIELDS.put("customerType", (l, v) -> l.setCustomerType(constant(CustomerType.class, v)));
        FIELDS.put("segment", (l, v) -> l.setSegment(constant(Segment.class, v)));
        FIELDS.put("score", (l, v) -> l.setScore(Math.toIntExact(signedNumber(v))));
        FIELDS.put("priority", (l, v) -> l.setPriority(constant(Priority.class, v)));
        FIELDS.put("existingOwnerId", Lead::setExistingOwnerId);
        FIELDS.put("createdAt", (l, v) -> l.setCreatedAt(instant(v)));
    }

    static final String ATTRIBUTE_PREFIX = "attributes.";

    private final List<String> header;
    /** Column index to its setter; null for a column this reader does not own (expectations of a rule test). */
    private final List<BiConsumer<Lead, String>> setters;

    private LeadColumns(List<String> header, List<BiConsumer<Lead, String>> setters) {
        this.header = header;
        this.setters = setters;
    }

    /**
     * @param header    the header row's cells
     * @param otherColumns accepted column names that are not lead fields (rule test expectations), else none
     * @throws BadInputException naming every unknown or repeated column, or a header without lead fields
     */
    public static LeadColumns of(List<String> header, java.util.function.Predicate<String> otherColumns) {
        List<BadInputException.InputError> errors = new ArrayList<>();
        List<BiConsumer<Lead, String>> setters = new ArrayList<>();
        List<String> names = header.stream().map(String::trim).toList();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                setters.add(null);
                continue;
            }
            if (names.subList(0, i).contains(name)) {
                errors.add(new BadInputException.InputError(1, name, "column appears twice"));
            }
            BiConsumer<Lead, String> setter = FIELDS.get(name);
            if (setter == null && name.startsWith(ATTRIBUTE_PREFIX) && name.length() > ATTRIBUTE_PREFIX.length()) {
                String attribute = name.substring(ATTRIBUTE_PREFIX.length());
                setter = (l, v) -> l.getAttributes().put(attribute, v);
            }
            if (setter == null && !otherColumns.test(name)) {
                errors.add(new BadInputException.InputError(1, name, "not a lead field; columns are "
                        + String.join(", ", FIELDS.keySet()) + ", attributes.<name> (see rules/README.md)"));
            }
            setters.add(setter);
        }
        if (errors.isEmpty() && setters.stream().allMatch(s -> s == null)) {
            errors.add(new BadInputException.InputError(1, null, "the header names no lead field; the first row must "
                    + "name the columns, e.g. id,country,employees"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors.size() + " bad column(s) in the header: "
                    + errors.stream().map(e -> e.field() + " (" + e.message() + ")").collect(Collectors.joining("; ")), errors);
        }
        return new LeadColumns(names, setters);
    }

    public static LeadColumns of(List<String> header) {
        return of(header, name -> false);
    }

    public List<String> header() {
        return header;
    }

    /** The index of a column, or -1. */
    public int indexOf(String name) {
        return header.indexOf(name);
    }

    /**
     * The lead of one data row. A row without an id gets {@code row-<n>}; without createdAt, now.
     *
     * @throws BadInputException naming every bad cell of the row
     */
    public Lead lead(CsvRows.Row row) {
        Lead lead = new Lead();
        List<BadInputException.InputError> errors = new ArrayList<>();
        if (row.cells().size() > header.size() && row.cells().subList(header.size(), row.cells().size()).stream()
                .anyMatch(c -> !c.isBlank())) {
            errors.add(new BadInputException.InputError(row.number(), null, "has " + row.cells().size()
                    + " cells but the header names " + header.size() + " columns"));
        }
        for (int i = 0; i < setters.size(); i++) {
            BiConsumer<Lead, String> setter = setters.get(i);
            String value = row.cell(i).trim();
            if (setter == null || value.isEmpty()) {
                continue;
            }
            try {
                setter.accept(lead, value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                errors.add(new BadInputException.InputError(row.number(), header.get(i), "'" + value + "' " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors.stream().map(e -> e.location() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        if (lead.getId() == null) {
            lead.setId("row-" + row.number());
        }
        if (lead.getCreatedAt() == null) {
            lead.setCreatedAt(Instant.now());
        }
        return lead;
    }

    private static long wholeNumber(String value, long max) {
        long n = signedNumber(value);
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        if (n > max) {
            throw new IllegalArgumentException("is too large (at most " + max + ")");
        }
        return n;
    }

    private static long signedNumber(String value) {
        // Excel shows 1200 as "1200" or, from a number cell, "1200.0"; thousands separators are not accepted.
        String text = value.endsWith(".0") ? value.substring(0, value.length() - 2) : value;
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not an ISO-8601 instant such as 2026-01-31T09:00:00Z");
        }
    }
}
