package io.leadrouter.console;

import io.leadrouter.domain.CustomerType;
import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Segment;
import io.leadrouter.intake.LeadRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Try-a-lead form: the documented lead fields as the person typed them, and each field's error in words. Turns
 * into the API's {@link LeadRequest}, validated by the same constraints, so the console refuses what the API refuses.
 */
public class LeadForm {

    /** A custom attribute row. */
    public record Attribute(int index, String name, String value) {
    }

    public record Country(String code, String name) {
    }

    public static final List<Country> COUNTRIES = Arrays.stream(Locale.getISOCountries())
            .map(c -> new Country(c, new Locale("", c).getDisplayCountry(Locale.ENGLISH)))
            .sorted(Comparator.comparing(Country::name)).toList();

    static final int BLANK_ATTRIBUTE_ROWS = 2;

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final List<Attribute> attributes = new ArrayList<>();

    public static LeadForm empty() {
        LeadForm form = new LeadForm();
        form.values.put("id", "try-" + Long.toString(System.currentTimeMillis(), 36));
        form.padAttributes();
        return form;
    }

    public static LeadForm of(MultivaluedMap<String, String> fields) {
        LeadForm form = new LeadForm();
        fields.forEach((name, list) -> {
            if (!name.startsWith("attr") && !list.isEmpty()) {
                form.values.put(name, list.get(0) == null ? "" : list.get(0).trim());
            }
        });
        List<String> names = fields.getOrDefault("attrName", List.of());
        List<String> attrValues = fields.getOrDefault("attrValue", List.of());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).trim();
            String value = i < attrValues.size() && attrValues.get(i) != null ? attrValues.get(i).trim() : "";
            if (!name.isEmpty() || !value.isEmpty()) {
                form.attributes.add(new Attribute(form.attributes.size(), name, value));
            }
        }
        form.padAttributes();
        return form;
    }

    private void padAttributes() {
        for (int i = 0; i < BLANK_ATTRIBUTE_ROWS; i++) {
            attributes.add(new Attribute(attributes.size(), "", ""));
        }
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public String error(String name) {
        return errors.get(name);
    }

    public String attributeError(int index) {
        return errors.get("attributes[" + index + "]");
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public Map<String, String> errors() {
        return errors;
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public List<Country> countries() {
        return COUNTRIES;
    }

    public CustomerType[] customerTypes() {
        return CustomerType.values();
    }

    public Segment[] segments() {
        return Segment.values();
    }

    public Priority[] priorities() {
        return Priority.values();
    }

    /** The lead, or null with {@link #errors()} filled in. */
    LeadRequest toRequest(Validator validator) {
        Map<String, Object> custom = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            if (a.name().isEmpty() && a.value().isEmpty()) {
                continue;
            }
            if (a.name().isEmpty()) {
                errors.put("attributes[" + a.index() + "]", "give the attribute a name");
                continue;
            }
            custom.put(a.name(), typed(a.value()));
        }
        LeadRequest request = new LeadRequest(text("id"), text("email"), text("firstName"), text("lastName"),
                text("company"), text("country"), text("region"), text("postalCode"), text("industry"),
                text("useCase"), number("employees", Integer::valueOf), number("annualRevenue", Long::valueOf),
                number("estimatedDealValue", Long::valueOf), text("source"),
                choice("customerType", CustomerType.class), choice("segment", Segment.class),
                number("score", Integer::valueOf), choice("priority", Priority.class), text("existingOwnerId"),
                null, custom);
        if (request.id() == null) {
            errors.put("id", "must not be blank");
        }
        for (ConstraintViolation<LeadRequest> violation : validator.validate(request)) {
            errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
        }
        return errors.isEmpty() ? request : null;
    }

    /** {@code true}/{@code false} become booleans and whole numbers numbers, as in a JSON body; the rest text. */
    private static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        if (value.matches("-?\\d{1,18}")) {
            return Long.valueOf(value);
        }
        return value;
    }

    private String text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private <T> T number(String name, java.util.function.Function<String, T> parse) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            errors.put(name, "must be a whole number");
            return null;
        }
    }

    private <E extends Enum<E>> E choice(String name, Class<E> type) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.put(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }
}
