package io.leadrouter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rule code may call. Rules are code (a DRL consequence is Java or MVEL), uploads are admin-only, but CRM traffic
 * then runs them: a rule must not stop the JVM, start processes or threads, touch files or sockets, or reach for
 * reflection. Checked on the rule text (DRL, and the DRL a decision table generates) with string literals and comments
 * blanked out, so every use has to name what it uses: the check refuses those names with the file and line (or sheet
 * and row). Rules work on the facts and the {@code routing} global; {@code Math}, strings, collections and
 * {@code java.time} stay allowed, and so does {@code Thread.sleep}: the evaluation's time budget cuts a sleeping rule
 * off like a spinning one.
 */
final class RuleCodePolicy {

    /** Types and members that stop the JVM, run processes or threads, do I/O, or reflect. */
    private static final Pattern FORBIDDEN_NAME = Pattern.compile("(?<![\\w$])("
            + "System|Runtime|ProcessBuilder|Process|ProcessHandle|Thread(?!\\s*\\.\\s*sleep\\s*\\()|ThreadGroup|ThreadLocal|ClassLoader|Class|"
            + "Unsafe|SecurityManager|ScriptEngineManager|Files|Paths|FileSystems|File|FileInputStream|FileOutputStream|"
            + "FileReader|FileWriter|RandomAccessFile|Socket|ServerSocket|DatagramSocket|URL|URI|URLConnection|"
            + "HttpClient|InetAddress|Executors|ForkJoinPool|CompletableFuture|MethodHandles|"
            + "getClass|forName|getDeclaredMethod|getDeclaredMethods|getMethod|getMethods|getDeclaredField|getField|"
            + "getDeclaredConstructor|setAccessible|newInstance|invoke|exec|exit|halt|loadLibrary"
            + ")(?![\\w$])");
    /** Packages whose every class is I/O, concurrency, reflection or JDK internals. */
    private static final Pattern FORBIDDEN_PACKAGE = Pattern.compile("(?<![\\w$])("
            + "java\\.io|java\\.nio|java\\.net|java\\.lang\\.reflect|java\\.lang\\.invoke|java\\.lang\\.management|"
            + "java\\.util\\.concurrent|java\\.sql|javax\\.script|javax\\.naming|sun|jdk|com\\.sun|org\\.drools|org\\.kie|"
            + "io\\.quarkus|io\\.vertx|jakarta|io\\.leadrouter\\.(?!domain\\b|rules\\b)\\w+"
            + ")\\.");

    private static final Pattern PACKAGE_DECLARATION = Pattern.compile("\\s*package\\s+[\\w.]+\\s*;?\\s*");

    private RuleCodePolicy() {
    }

    /** The forbidden names used on one line (1-based) of the checked text. */
    record Violation(int line, List<String> names) {

        String message() {
            return "rule code may not use " + names.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", "))
                    + ": rules may not stop the service, start processes or threads, touch files or the network, or use "
                    + "reflection (docs/security.md, \"What a rule may do\")";
        }
    }

    static List<Violation> check(String drl) {
        String code = withoutLiteralsAndComments(drl);
        List<Violation> violations = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (PACKAGE_DECLARATION.matcher(lines[i]).matches()) {
                continue; // names the rules' own namespace (a table's RuleSet), calls nothing
            }
            List<String> names = new ArrayList<>();
            Matcher pkg = FORBIDDEN_PACKAGE.matcher(lines[i]);
            while (pkg.find()) {
                names.add(pkg.group(1));
            }
            Matcher name = FORBIDDEN_NAME.matcher(lines[i]);
            while (name.find()) {
                names.add(name.group(1));
            }
            if (!names.isEmpty()) {
                violations.add(new Violation(i + 1, names.stream().distinct().toList()));
            }
        }
        return violations;
    }

    /**
     * The text with every string/char literal and comment replaced by spaces, line breaks kept, so names inside a
     * queue name or a comment ("Process improvement team") are not taken for code.
     */
    static String withoutLiteralsAndComments(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int i = 0;
        int n = drl.length();
        while (i < n) {
            char c = drl.charAt(i);
            if (c == '"' || c == '\'') {
                out.append(' ');
                i++;
                while (i < n && drl.charAt(i) != c && drl.charAt(i) != '\n') {
                    if (drl.charAt(i) == '\\' && i + 1 < n) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < n && drl.charAt(i) == c) {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '/') {
                while (i < n && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '#' && (i == 0 || drl.charAt(i - 1) == '\n' || Character.isWhitespace(drl.charAt(i - 1)))) {
                // DRL also takes # as a line comment.
                while (i < n && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '*') {
                while (i < n && !(drl.charAt(i) == '*' && i + 1 < n && drl.charAt(i + 1) == '/')) {
                    out.append(drl.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                if (i < n) {
                    out.append("  ");
                    i += 2;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
