package io.leadrouter.webhook;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.domain.Lead;
import io.leadrouter.intake.CountryCode;
import io.leadrouter.intake.LeadRequest;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns CRM fields, already renamed to lead fields, into a validated {@link Lead}: the same rules as {@code POST
 * /api/route} (through {@link LeadRequest}), after smoothing what CRMs really send: numbers as strings or in
 * exponent notation ({@code "5.0E7"}), blank strings for empty fields, and country names instead of codes. A country
 * that is neither a code nor a known name is kept in {@code attributes["countryName"]} and the lead routed without a
 * country rather than refused: the CRM would retry the same data forever.
 */
@ApplicationScoped
public class LeadAssembler {

    /** The lead fields a mapping may name. */
    public static final Set<String> LEAD_FIELDS = Set.of("id", "email", "firstName", "lastName", "company", "country",
            "region", "postalCode", "industry", "useCase", "employees", "annualRevenue", "estimatedDealValue", "source",
            "customerType", "segment", "score", "priority", "existingOwnerId", "createdAt");
    private static final Set<String> WHOLE_NUMBERS = Set.of("employees", "annualRevenue", "estimatedDealValue", "score");
    private static final Map<String, String> COUNTRY_NAMES = countryNames();

    private final ObjectMapper json;
    private final Validator validator;

    public LeadAssembler(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @param fields     lead field name to value (strings, numbers, booleans); unknown names are a programming error
     * @param attributes custom fields, passed to the rules as they are
     * @throws ProblemException 400 naming each bad field
     */
    public Lead assemble(Map<String, Object> fields, Map<String, Object> attributes) {
        Map<String, Object> normalised = new LinkedHashMap<>();
        Map<String, Object> extra = new HashMap<>(attributes);
        fields.forEach((field, value) -> {
            if (value instanceof String s && s.isBlank()) {
                return;
            }
            if (value == null) {
                return;
            }
            if (WHOLE_NUMBERS.contains(field) && (value instanceof String || value instanceof Double
                    || value instanceof Float || value instanceof BigDecimal)) {
                value = wholeNumber(field, value.toString());
            }
            if (field.equals("country") && value instanceof String s) {
                String code = countryCode(s);
                if (code == null) {
                    extra.put("countryName", s);
                    return;
                }
                value = code;
            }
            normalised.put(field, value);
        });
        normalised.put("attributes", extra);
        LeadRequest request;
        try {
            request = json.convertValue(normalised, LeadRequest.class);
        } catch (IllegalArgumentException e) {
            String field = e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? mapping.getPath().get(0).getFieldName() : "body";
            throw new ProblemException(Problem.invalid("A field has a value a lead cannot hold",
                    List.of(new Problem.FieldError(field, "has the wrong type or format"))));
        }
        Set<ConstraintViolation<LeadRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
            throw new ProblemException(Problem.invalid(errors));
        }
        return request.toLead();
    }

    /** An ISO code for a code or an English country name ({@code "Germany"}, {@code "USA"}), or null. */
    static String countryCode(String value) {
        String trimmed = value.trim();
        if (trimmed.length() == 2 && CountryCode.ISO_COUNTRIES.contains(trimmed.toUpperCase(Locale.ROOT))) {
            return trimmed.toUpperCase(Locale.ROOT);
        }
        return COUNTRY_NAMES.get(trimmed.toLowerCase(Locale.ROOT));
    }

    /**
     * CRMs send currency fields with decimals or in exponent notation: rounded to whole units. A number no long holds
     * ({@code 1.8446744073709552E19}) is refused rather than wrapped.
     */
    private static Object wholeNumber(String field, String value) {
        try {
            return new BigDecimal(value.trim().replace(",", "")).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw new ProblemException(Problem.invalid("A field has a value a lead cannot hold",
                    List.of(new Problem.FieldError(field, "is out of range: at most " + Long.MAX_VALUE))));
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.invalid("A field has a value a lead cannot hold",
                    List.of(new Problem.FieldError(field, "must be a number, not '" + abbreviate(value) + "'"))));
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static Map<String, String> countryNames() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            names.put(new Locale("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
            names.put(new Locale("", code).getISO3Country().toLowerCase(Locale.ROOT), code);
        }
        names.put("usa", "US");
        names.put("united states of america", "US");
        names.put("uk", "GB");
        names.put("great britain", "GB");
        names.put("england", "GB");
        return Map.copyOf(names);
    }
}
