package io.leadrouter.docs;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every curl in README.md, rules/README.md and docs/*.md works when pasted (issue 14, item 7): it names an endpoint the
 * service has with the method it has, carries credentials where the endpoint needs them and a Content-Type where it
 * sends a body; and every read-only one (GET) is run against the service and must not answer 401, 403, 415 or 5xx.
 * Requests that change state are checked, not run: they would change the roster other tests route against.
 */
@QuarkusTest
@Tag("database")
class DocsCurlTest {

    @TestHTTPResource("/")
    URL base;

    /** One curl as a reader would paste it. */
    record Curl(String file, int line, String method, String url, Map<String, String> headers, String user,
                boolean sendsBody, boolean multipart, String text) {

        String path() {
            String p = url.replaceFirst("^https?://[^/]+", "").replaceFirst("^localhost:\\d+", "");
            int q = p.indexOf('?');
            return q < 0 ? p : p.substring(0, q);
        }

        String where() {
            return file + ":" + line + " `" + text + "`";
        }
    }

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("rules/README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The curls of a markdown file's code blocks, a command running on over continuation lines and open quotes. */
    static List<Curl> curls(Path file) throws IOException {
        List<Curl> curls = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            String trimmed = line.trim().replaceFirst("^\\$ ", "");
            if (!inBlock || !trimmed.startsWith("curl ")) {
                continue;
            }
            StringBuilder command = new StringBuilder(trimmed);
            int start = i;
            while ((endsWithBackslash(command) || !balanced(command)) && i + 1 < lines.size()) {
                if (endsWithBackslash(command)) {
                    command.setLength(command.length() - 1);
                }
                command.append(balanced(command) ? " " : "\n").append(lines.get(++i).trim());
            }
            curls.add(parse(file.toString(), start + 1, command.toString()));
        }
        return curls;
    }

    private static boolean endsWithBackslash(CharSequence s) {
        return s.length() > 0 && s.charAt(s.length() - 1) == '\\';
    }

    private static boolean balanced(CharSequence s) {
        return tokens(s.toString()) != null;
    }

    /** Shell words (single and double quotes), up to an unquoted {@code |} or {@code #}; null while a quote is open. */
    static List<String> tokens(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (word == null) word = new StringBuilder();
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if ((c == '|' || c == '#') && word == null) {
                break;
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (quote != 0) {
            return null;
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static Curl parse(String file, int line, String command) {
        List<String> words = tokens(command);
        String method = null;
        String url = null;
        String user = null;
        boolean body = false;
        boolean multipart = false;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "-X", "--request" -> method = words.get(++i);
                case "-u", "--user" -> user = words.get(++i);
                case "-H", "--header" -> {
                    String h = words.get(++i);
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(), h.substring(colon + 1).trim());
                }
                case "-d", "--data", "--data-binary", "--data-raw", "-T", "--upload-file" -> {
                    body = true;
                    i++;
                }
                case "-F", "--form" -> {
                    multipart = true;
                    body = true;
                    i++;
                }
                case "-o", "-w", "--max-time", "-m" -> i++;
                default -> {
                    if (!w.startsWith("-") && url == null) {
                        url = w;
                    }
                }
            }
        }
        if (method == null) {
            method = body ? "POST" : "GET";
        }
        String text = command.length() > 140 ? command.substring(0, 140).replace('\n', ' ') + "…" : command.replace('\n', ' ');
        return new Curl(file, line, method, url, headers, user, body, multipart, text);
    }

    /** An OpenAPI path template ({@code /api/reps/{id}}) against a concrete path; {@code {path}} spans slashes. */
    static boolean matches(String template, String path) {
        StringBuilder regex = new StringBuilder("^");
        java.util.regex.Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(1).equals("path") ? ".+" : "[^/]+");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append('$');
        return path.matches(regex.toString());
    }

    private static final Set<String> USERS = Set.of("admin:dev-admin", "ops:dev-ops", "crm:dev-crm");

    @Test
    void everyCurlNamesAnEndpointWithItsMethodCredentialsAndContentType() throws IOException {
        JsonPath openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            for (Curl curl : curls(doc)) {
                checked++;
                String path = curl.path();
                if (curl.url() == null) {
                    problems.add(curl.where() + ": no URL");
                    continue;
                }
                if (path.startsWith("/api/")) {
                    String template = paths.keySet().stream().filter(t -> matches(t, path))
                            .min(java.util.Comparator.comparingInt(t -> t.split("\\{").length)).orElse(null);
                    if (template == null) {
                        problems.add(curl.where() + ": no endpoint " + path + " in the OpenAPI document");
                    } else if (!paths.get(template).containsKey(curl.method().toLowerCase())) {
                        problems.add(curl.where() + ": " + template + " has no " + curl.method());
                    }
                    boolean credentials = curl.user() != null || curl.headers().containsKey("x-api-key");
                    if (!credentials) {
                        problems.add(curl.where() + ": no credentials (-u user:password or -H 'X-API-Key: …')");
                    } else if (curl.user() != null && !USERS.contains(curl.user())) {
                        problems.add(curl.where() + ": unknown user " + curl.user());
                    }
                }
                if (curl.sendsBody() && !curl.multipart() && !curl.headers().containsKey("content-type")) {
                    problems.add(curl.where() + ": sends a body without a Content-Type header");
                }
            }
        }
        assertTrue(checked >= 40, "found only " + checked + " curls");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyReadOnlyCurlAnswersWithoutAuthOrServerErrors() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<String> problems = new ArrayList<>();
        int run = 0;
        for (Path doc : documents()) {
            for (Curl curl : curls(doc)) {
                if (!curl.method().equals("GET") || curl.url() == null || curl.url().contains("…") || curl.url().contains("<")) {
                    continue;
                }
                String pathAndQuery = curl.url().replaceFirst("^https?://[^/]+", "").replaceFirst("^localhost:\\d+", "");
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + pathAndQuery)).GET();
                curl.headers().forEach((k, v) -> {
                    if (!k.equals("host")) request.header(k, v);
                });
                if (curl.user() != null) {
                    request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(curl.user().getBytes(StandardCharsets.UTF_8)));
                }
                int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                run++;
                if (status == 401 || status == 403 || status == 415 || status >= 500) {
                    problems.add(curl.where() + " answered " + status);
                }
            }
        }
        assertTrue(run >= 15, "ran only " + run + " read-only curls");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
