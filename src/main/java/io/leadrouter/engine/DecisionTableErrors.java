package io.leadrouter.engine;

import io.leadrouter.domain.Lead;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what Drools says about the DRL generated from a decision table into what a sales-ops user can act on: the
 * sheet, the row, the column letter and header, the cell's text, and what is wrong with it in words. Generated DRL
 * (its lines, its {@code [Near : {...}]} excerpts) never reaches the user.
 */
final class DecisionTableErrors {

    /** A name Drools could not resolve: {@code unable to resolve method using strict-mode: a.b.Segment.ENTERPRIZE()}. */
    private static final Pattern UNRESOLVED = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    /** A parser error on generated DRL: {@code [ERR 101] Line 19:48 no viable alternative at input ')' in rule "T-2"}. */
    private static final Pattern PARSER = Pattern.compile("\\[ERR \\d+] Line (\\d+):(\\d+) (.*?)(?: in rule \"(?:[^\"\\\\]|\\\\.)*\")?\\s*$",
            Pattern.DOTALL);
    private static final Pattern OFFENDING_INPUT = Pattern.compile("input '(.+?)'");
    /** The field a value is compared with: {@code employees >= lots}. */
    private static final Pattern COMPARISON = Pattern.compile("(\\w+)\\s*(?:==|!=|>=|<=|>|<)\\s*\\w*$");
    /** Drools' own layout errors name the cell: {@code Priority is not an integer literal, in cell B11}. */
    private static final Pattern LAYOUT_CELL = Pattern.compile("(.*?),? in cell ([A-Z]+)(\\d+)");

    private DecisionTableErrors() {
    }

    /**
     * An error Drools reported on the DRL generated from a table.
     *
     * @param drlLine the generated line Drools names, or null
     */
    static RuleError located(String file, DecisionTableTranslator.Translation translation, Integer drlLine, String message) {
        Integer row = drlLine == null ? null : translation.rowAt(drlLine);
        String sheet = drlLine == null ? null : translation.sheetAt(drlLine);
        if (row == null) {
            return new RuleError(file, null, sheet, null, withoutGeneratedDrl(message));
        }
        SheetCells cells = translation.cells();
        SheetCells.Cell atFault = cellAtFault(cells, row, translation, message);
        String words = words(message, atFault);
        if (atFault == null) {
            return new RuleError(file, null, sheet, row, words);
        }
        SheetCells.Column column = atFault.column();
        return new RuleError(file, null, sheet, row, column.letter(), blankToNull(column.header()), atFault.text(),
                "column " + column.letter() + (column.header().isEmpty() ? "" : " (" + column.header() + ")") + ": " + words);
    }

    /** A layout error Drools' table parser raised naming a cell (a priority that is not a number...), or null. */
    static RuleError layoutError(String file, SheetCells cells, String message) {
        Matcher m = LAYOUT_CELL.matcher(message == null ? "" : message);
        if (!m.find() || cells == SheetCells.NONE) {
            return null;
        }
        int columnIndex = columnIndex(m.group(2));
        int row = Integer.parseInt(m.group(3));
        String text = cells.text(row, columnIndex);
        SheetCells.Column column = cells.column(row, columnIndex);
        String header = column == null ? "" : column.header();
        String what = m.group(1).contains("not an integer") ? "'" + text + "' is not a whole number" : m.group(1).trim();
        return new RuleError(file, null, cells.sheet(), row, m.group(2), blankToNull(header), text,
                "column " + m.group(2) + (header.isEmpty() ? "" : " (" + header + ")") + ": " + what);
    }

    /**
     * The cell of the row whose text the error is about. A parser error gives a position on the generated line: the
     * cell whose text starts closest before it. Other errors quote an expression: the longest cell text found in it.
     */
    private static SheetCells.Cell cellAtFault(SheetCells cells, int row, DecisionTableTranslator.Translation translation,
                                               String message) {
        List<SheetCells.Cell> candidates = cells.ruleCells(row);
        Matcher parser = PARSER.matcher(message);
        if (parser.find()) {
            int line = Integer.parseInt(parser.group(1));
            int position = Integer.parseInt(parser.group(2));
            String[] lines = translation.drl().split("\n", -1);
            if (line < 1 || line > lines.length) {
                return null;
            }
            String generated = lines[line - 1];
            SheetCells.Cell best = null;
            int bestStart = -1;
            for (SheetCells.Cell cell : candidates) {
                for (int at = generated.indexOf(cell.text()); at >= 0 && at <= position; at = generated.indexOf(cell.text(), at + 1)) {
                    if (at > bestStart) {
                        bestStart = at;
                        best = cell;
                    }
                }
            }
            return best;
        }
        SheetCells.Cell best = null;
        for (SheetCells.Cell cell : candidates) {
            Pattern whole = Pattern.compile("(?<![\\w])" + Pattern.quote(cell.text()) + "(?![\\w])");
            if (whole.matcher(message).find() && (best == null || cell.text().length() > best.text().length())) {
                best = cell;
            }
        }
        return best;
    }

    private static String words(String message, SheetCells.Cell atFault) {
        Matcher unresolved = UNRESOLVED.matcher(message);
        if (unresolved.find()) {
            String name = unresolved.group(2);
            Class<?> type = load(unresolved.group(1));
            if (type != null && type.isEnum()) {
                String allowed = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
                return "'" + name + "' is not a " + type.getSimpleName() + ": use one of " + allowed;
            }
            if (type != null) {
                Class<?> fieldType = comparedFieldType(message, name, type);
                if (fieldType != null && (Number.class.isAssignableFrom(box(fieldType)))) {
                    return "'" + name + "' is not a number";
                }
                return "'" + name + "' is neither a value nor a field of " + type.getSimpleName()
                        + " (text values go in quotes, or the column's template quotes them)";
            }
        }
        Matcher parser = PARSER.matcher(message);
        if (parser.find()) {
            Matcher input = OFFENDING_INPUT.matcher(parser.group(3));
            String at = input.find() ? " at '" + input.group(1) + "'" : "";
            String text = atFault == null ? "this row" : "'" + atFault.text() + "'";
            return text + " cannot be read" + at + ": look for a stray bracket, quote, comma or operator";
        }
        String cleaned = withoutGeneratedDrl(message);
        return atFault == null || cleaned.contains(atFault.text()) ? cleaned : "'" + atFault.text() + "': " + cleaned;
    }

    /** Drools' message without the excerpts of generated DRL it quotes ({@code [Near : {...}]} and the caret line). */
    static String withoutGeneratedDrl(String message) {
        String first = Arrays.stream(message.split("\n"))
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("[Near") && !l.matches("\\^+"))
                .map(l -> l.startsWith("[Error: ") && l.endsWith("]") ? l.substring(8, l.length() - 1) : l)
                .collect(Collectors.joining(" "));
        return PARSER.matcher(first).replaceAll("$3").trim();
    }

    private static Class<?> comparedFieldType(String message, String value, Class<?> factType) {
        int at = message.indexOf(value);
        if (at < 0) {
            return null;
        }
        Matcher comparison = COMPARISON.matcher(message.substring(0, at + value.length()));
        if (!comparison.find()) {
            return null;
        }
        String field = comparison.group(1);
        String capitalised = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String accessor : List.of("get" + capitalised, "is" + capitalised, field)) {
            try {
                Method method = factType.getMethod(accessor);
                return method.getReturnType();
            } catch (NoSuchMethodException e) {
                // try the next accessor spelling
            }
        }
        return null;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Lead.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Object.class;
        };
    }

    private static int columnIndex(String letters) {
        int index = 0;
        for (char c : letters.toUpperCase(Locale.ROOT).toCharArray()) {
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
