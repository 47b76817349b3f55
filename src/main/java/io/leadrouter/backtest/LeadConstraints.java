package io.leadrouter.backtest;

import io.leadrouter.engine.RuleInventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule requires of the lead, field by field, as far as it can be read: a set of allowed values (equality,
 * {@code in} lists, {@code forall(||)} cells) or a whole-number range. {@code exact} says the rule requires nothing
 * else (no other pattern, no condition that could not be read), which is what a shadowing claim needs; for telling
 * two rules apart, the readable part is enough.
 */
public record LeadConstraints(Map<String, Allowed> fields, boolean exact) {

    /** The values a field may have: a value set, or a range {@code [min, max)} (either end open when null). */
    public record Allowed(Set<String> values, Long min, Long max) {

        static Allowed values(Set<String> values) {
            return new Allowed(Set.copyOf(values), null, null);
        }

        static Allowed range(Long min, Long max) {
            return new Allowed(null, min, max);
        }

        Allowed and(Allowed other) {
            if (values != null && other.values != null) {
                Set<String> both = new LinkedHashSet<>(values);
                both.retainAll(other.values);
                return values(both);
            }
            if (values == null && other.values == null) {
                return range(max(min, other.min), minOf(max, other.max));
            }
            return values != null ? this : other; // mixed kinds on one field: keep the value set
        }

        boolean isEmpty() {
            return values != null ? values.isEmpty() : min != null && max != null && min >= max;
        }

        /** True if no value satisfies both. */
        boolean disjointFrom(Allowed other) {
            if ((values == null) != (other.values == null)) {
                return false;
            }
            return and(other).isEmpty();
        }

        /** True if every value this allows, {@code wider} allows too. */
        boolean within(Allowed wider) {
            if (values != null && wider.values != null) {
                return wider.values.containsAll(values);
            }
            if (values == null && wider.values == null) {
                return (wider.min == null || (min != null && min >= wider.min))
                        && (wider.max == null || (max != null && max <= wider.max));
            }
            return false;
        }

        private static Long max(Long a, Long b) {
            return a == null ? b : b == null ? a : Math.max(a, b);
        }

        private static Long minOf(Long a, Long b) {
            return a == null ? b : b == null ? a : Math.min(a, b);
        }

        @Override
        public String toString() {
            if (values != null) {
                return values.toString();
            }
            return (min == null ? "(-∞" : "[" + min) + ", " + (max == null ? "∞)" : max + ")");
        }
    }

    private static final String FIELD = "([a-zA-Z_][a-zA-Z0-9_]*)";
    private static final Pattern FORALL_OR = Pattern.compile("^forall\\(\\|\\|\\)\\{\\s*" + FIELD + "\\s*==\\s*(\"?)([\\w.]*)\\$\\2\\s*}$");
    private static final Pattern EQUALS_PARAM = Pattern.compile("^" + FIELD + "\\s*==\\s*(\"?)([\\w.]*)\\$param\\2$");
    private static final Pattern COMPARE_PARAM = Pattern.compile("^" + FIELD + "\\s*(>=|>|<=|<)\\s*\\$param$");
    private static final Pattern EQUALS = Pattern.compile("^" + FIELD + "\\s*==\\s*(?:\"([^\"]*)\"|[A-Z]\\w*\\.(\\w+))$");
    private static final Pattern IN = Pattern.compile("^" + FIELD + "\\s+in\\s*\\((.*)\\)$");
    private static final Pattern COMPARE = Pattern.compile("^" + FIELD + "\\s*(>=|>|<=|<)\\s*(-?\\d+)[lL]?$");
    private static final Pattern LEAD_PATTERN = Pattern.compile("^(?:\\$\\w+\\s*:\\s*)?Lead\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    /** From a workbook row's condition cells; a column whose snippet is not one of the generated forms makes it inexact. */
    public static LeadConstraints ofTableRow(List<RuleInventory.TableCondition> conditions) {
        Map<String, Allowed> fields = new HashMap<>();
        boolean exact = true;
        for (RuleInventory.TableCondition condition : conditions) {
            String cell = condition.cell().trim();
            if (cell.isEmpty()) {
                continue; // blank: any value
            }
            String code = condition.code().trim();
            Matcher m;
            Allowed allowed = null;
            String field = null;
            if ((m = FORALL_OR.matcher(code)).matches()) {
                field = m.group(1);
                allowed = Allowed.values(split(cell));
            } else if ((m = EQUALS_PARAM.matcher(code)).matches()) {
                field = m.group(1);
                allowed = Allowed.values(Set.of(cell));
            } else if ((m = COMPARE_PARAM.matcher(code)).matches()) {
                field = m.group(1);
                allowed = range(m.group(2), cell);
            }
            if (allowed == null) {
                exact = false;
                continue;
            }
            fields.merge(field, allowed, Allowed::and);
        }
        return new LeadConstraints(Map.copyOf(fields), exact);
    }

    /** From DRL condition text: the constraints of a single {@code Lead(...)} pattern, comma-separated. */
    public static LeadConstraints ofDrl(String conditions) {
        List<String> patterns = topLevel(conditions.trim(), '\n').stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        Map<String, Allowed> fields = new HashMap<>();
        boolean exact = true;
        boolean sawLead = false;
        for (String pattern : patterns) {
            Matcher lead = LEAD_PATTERN.matcher(pattern);
            if (!lead.matches() || sawLead) {
                exact = false;
                continue;
            }
            sawLead = true;
            for (String part : topLevel(lead.group(1), ',')) {
                String constraint = part.trim().replaceAll("\\s+", " ");
                if (constraint.isEmpty()) {
                    continue;
                }
                Matcher m;
                if ((m = EQUALS.matcher(constraint)).matches()) {
                    fields.merge(m.group(1), Allowed.values(Set.of(m.group(2) != null ? m.group(2) : m.group(3))), Allowed::and);
                } else if ((m = IN.matcher(constraint)).matches()) {
                    Set<String> values = new LinkedHashSet<>();
                    for (String v : topLevel(m.group(2), ',')) {
                        String t = v.trim();
                        values.add(t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2 ? t.substring(1, t.length() - 1)
                                : t.contains(".") ? t.substring(t.lastIndexOf('.') + 1) : t);
                    }
                    fields.merge(m.group(1), Allowed.values(values), Allowed::and);
                } else if ((m = COMPARE.matcher(constraint)).matches()) {
                    fields.merge(m.group(1), range(m.group(2), m.group(3)), Allowed::and);
                } else {
                    exact = false;
                }
            }
        }
        if (!sawLead && !patterns.isEmpty()) {
            exact = false;
        }
        return new LeadConstraints(Map.copyOf(fields), exact);
    }

    /** True when no lead can satisfy both: some field both constrain has no value in common. */
    public boolean disjointFrom(LeadConstraints other) {
        for (Map.Entry<String, Allowed> field : fields.entrySet()) {
            Allowed theirs = other.fields.get(field.getKey());
            if (theirs != null && field.getValue().disjointFrom(theirs)) {
                return true;
            }
        }
        return fields.values().stream().anyMatch(Allowed::isEmpty) || other.fields.values().stream().anyMatch(Allowed::isEmpty);
    }

    /** True when every lead {@code narrower} matches, this matches too (needs this to be exact). */
    public boolean covers(LeadConstraints narrower) {
        if (!exact) {
            return false;
        }
        for (Map.Entry<String, Allowed> field : fields.entrySet()) {
            Allowed theirs = narrower.fields.get(field.getKey());
            if (theirs == null || !theirs.within(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Allowed range(String operator, String number) {
        long n;
        try {
            n = Long.parseLong(number.trim().replaceAll("[lL]$", "").replaceAll("\\.0$", ""));
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (operator) {
            case ">=" -> Allowed.range(n, null);
            case ">" -> Allowed.range(n + 1, null);
            case "<" -> Allowed.range(null, n);
            default -> Allowed.range(null, n + 1);
        };
    }

    private static Set<String> split(String cell) {
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(cell.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add);
        return values;
    }

    /** Splits at {@code separator} outside parentheses and quotes. */
    private static List<String> topLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']' || c == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && c == separator) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }
}
