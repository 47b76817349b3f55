package io.leadrouter.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;

/**
 * Property-based fuzzing of the main endpoints with every role's credentials (issue 15, item 16): whatever is sent,
 * the service never answers 5xx, every 4xx is an RFC 9457 problem detail (type, title, status, detail; a SOAP fault
 * for Salesforce), and every answer matches the OpenAPI document ({@link OpenApiContract}).
 * <p>
 * Run by {@link ContractFuzzTest} through the jqwik engine against the service it started (the name is outside
 * surefire's test includes on purpose: alone, there is no service to call). Seed and tries: {@link #SEED},
 * {@link #TRIES} — the only place to change them; a failure names the seed and the shrunk sample, so it replays.
 */
public class ContractFuzzProperties {

    /** Fixed, so a run is reproducible; change it to explore. */
    public static final String SEED = "20261204";
    /** Samples per property (7 properties), sized to keep the whole run near 30 s on the 2-core CI machine. */
    public static final int TRIES = 120;
    /** Uploads compile a candidate each: fewer of them. */
    public static final int UPLOAD_TRIES = 40;
    /** The base URL of the service under test, set by ContractFuzzTest. */
    public static final String BASE_URL = "leadrouter.fuzz.base-url";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GENERIC_SECRET = "dev-generic-secret";

    /** Who calls: every role, both API schemes, and the broken ones. */
    public enum Caller {
        ANONYMOUS, ADMIN, OPS, CRM_BASIC, CRM_API_KEY, WRONG_PASSWORD, WRONG_API_KEY, MALFORMED_BASIC, BEARER
    }

    private static RequestSpecification as(Caller caller) {
        String base = System.getProperty(BASE_URL);
        if (base == null) {
            throw new IllegalStateException("Run through ContractFuzzTest: " + BASE_URL + " is not set");
        }
        RequestSpecification spec = given().baseUri(base).filter(OpenApiContract.filter()).urlEncodingEnabled(false)
                // Bodies are sent as the bytes given, whatever the Content-Type claims.
                .config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
        return switch (caller) {
            case ANONYMOUS -> spec;
            case ADMIN -> spec.auth().preemptive().basic("admin", "dev-admin");
            case OPS -> spec.auth().preemptive().basic("ops", "dev-ops");
            case CRM_BASIC -> spec.auth().preemptive().basic("crm", "dev-crm");
            case CRM_API_KEY -> spec.header("X-API-Key", "dev-crm-key");
            case WRONG_PASSWORD -> spec.auth().preemptive().basic("admin", "not-the-password");
            case WRONG_API_KEY -> spec.header("X-API-Key", "no-such-key");
            case MALFORMED_BASIC -> spec.header("Authorization", "Basic !!!");
            case BEARER -> spec.header("Authorization", "Bearer abc.def.ghi");
        };
    }

    /** No 5xx; a 4xx is a problem detail naming its own status. Contract validation ran in the filter already. */
    private static void check(Response response, String what) {
        int status = response.statusCode();
        String type = response.contentType() == null ? "" : response.contentType();
        if (status >= 500) {
            throw new AssertionError(what + " answered " + status + ": " + response.asString());
        }
        if (status >= 400) {
            if (!type.startsWith("application/problem+json")) {
                throw new AssertionError(what + " answered " + status + " as '" + type + "', not a problem detail: "
                        + response.asString());
            }
            Map<String, Object> problem = response.jsonPath().getMap("");
            for (String field : List.of("type", "title", "status", "detail")) {
                if (problem.get(field) == null || problem.get(field).toString().isBlank()) {
                    throw new AssertionError(what + ": the " + status + " problem lacks " + field + ": " + problem);
                }
            }
            if (!Integer.valueOf(status).equals(problem.get("status"))) {
                throw new AssertionError(what + ": the problem's status " + problem.get("status") + " is not " + status);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Properties

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void routing(@ForAll("callers") Caller caller, @ForAll("leadBodies") String body,
                 @ForAll("flags") Optional<String> dryRun, @ForAll("flags") Optional<String> reroute,
                 @ForAll("headerValues") Optional<String> idempotencyKey, @ForAll("jsonTypes") String contentType) {
        StringBuilder url = new StringBuilder("/api/route?x=1");
        dryRun.ifPresent(v -> url.append("&dryRun=").append(encode(v)));
        reroute.ifPresent(v -> url.append("&reroute=").append(encode(v)));
        RequestSpecification request = as(caller).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        check(request.post(url.toString()), "POST " + url + " as " + caller + " with " + body);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void decisionSearch(@ForAll("callers") Caller caller, @ForAll("searchParameters") Map<String, String> parameters,
                        @ForAll("texts") String decisionId) {
        StringBuilder url = new StringBuilder("/api/decisions");
        parameters.forEach((name, value) -> url.append(url.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(encode(value)));
        check(as(caller).get(url.toString()), "GET " + url + " as " + caller);
        String one = "/api/decisions/" + encodeSegment(decisionId);
        check(as(caller).get(one), "GET " + one + " as " + caller);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void roster(@ForAll("callers") Caller caller, @ForAll("repIds") String id, @ForAll("repBodies") String body,
                @ForAll("operations") String operation) {
        String path = "/api/reps/" + encodeSegment(id);
        Response response = switch (operation) {
            case "list" -> as(caller).get("/api/reps");
            case "get" -> as(caller).get(path);
            case "create" -> as(caller).contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post("/api/reps");
            case "replace" -> as(caller).contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).put(path);
            default -> as(caller).delete(path);
        };
        check(response, operation + " " + path + " as " + caller + " with " + body);
    }

    @Property(tries = UPLOAD_TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void ruleFileUploads(@ForAll("callers") Caller caller, @ForAll("ruleFilePaths") String path,
                         @ForAll("ruleFileBodies") byte[] body, @ForAll("uploadTypes") String contentType,
                         @ForAll("flags") Optional<String> force, @ForAll boolean delete) {
        String url = "/api/rules/files/" + path + force.map(f -> "?force=" + encode(f)).orElse("");
        Response response = delete ? as(caller).delete(url) : as(caller).contentType(contentType).body(body).put(url);
        check(response, (delete ? "DELETE " : "PUT ") + url + " as " + caller);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void genericWebhook(@ForAll("leadBodies") String body, @ForAll boolean signed,
                        @ForAll("headerValues") Optional<String> deliveryId, @ForAll("headerValues") Optional<String> timestamp,
                        @ForAll("jsonTypes") String contentType) {
        RequestSpecification request = as(Caller.ANONYMOUS).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        String time = timestamp.orElse(Long.toString(System.currentTimeMillis() / 1000));
        request.header("X-Timestamp", time);
        request.header("X-Signature", signed ? "sha256=" + HexFormat.of().formatHex(hmac(GENERIC_SECRET, time + "." + body))
                : "sha256=" + "ab".repeat(32));
        deliveryId.ifPresent(id -> request.header("X-Delivery-Id", id));
        check(request.post("/webhooks/generic"), "POST /webhooks/generic signed=" + signed + " with " + body);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void hubSpotWebhook(@ForAll("hubSpotBodies") String body, @ForAll("headerValues") Optional<String> signature,
                        @ForAll("headerValues") Optional<String> timestamp, @ForAll("jsonTypes") String contentType) {
        RequestSpecification request = as(Caller.ANONYMOUS).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        signature.ifPresent(s -> request.header("X-HubSpot-Signature-v3", s));
        timestamp.ifPresent(t -> request.header("X-HubSpot-Request-Timestamp", t));
        check(request.post("/webhooks/hubspot"), "POST /webhooks/hubspot with " + body);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void salesforceWebhook(@ForAll("salesforceBodies") String body, @ForAll("xmlTypes") String contentType,
                           @ForAll("headerValues") Optional<String> authorization, @ForAll("texts") String token) {
        RequestSpecification request = as(Caller.ANONYMOUS).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        authorization.ifPresent(a -> request.header("Authorization", a));
        Response response = request.post("/webhooks/salesforce?token=" + encode(token));
        int status = response.statusCode();
        if (status >= 500) {
            throw new AssertionError("POST /webhooks/salesforce answered " + status + ": " + response.asString());
        }
        // Salesforce reads SOAP: its refusals are SOAP faults, not problem details (docs/webhooks.md), except what
        // the HTTP layer refuses before the endpoint runs (413 on a declared length, 415).
        if (status == 413 || status == 415) {
            check(response, "POST /webhooks/salesforce");
        } else if (status >= 400 && !response.asString().contains("Fault")) {
            throw new AssertionError("POST /webhooks/salesforce answered " + status + " without a SOAP fault: "
                    + response.asString());
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Generators

    @Provide
    Arbitrary<Caller> callers() {
        return Arbitraries.of(Caller.class);
    }

    /** Strings a client may send: ordinary, empty, long, with control characters, traversal and injection attempts. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("", " ", "00Q-1001", "anna.schmidt", "v1", "../../etc/passwd", "%00", "a\u0000b",
                        "line\nbreak", "tab\there", "\u007f", "'; drop table decision; --", "<x/>", "ümlaut-ß",
                        "\ud83d\ude00", "null", "true", "-1", "2147483648", "9".repeat(40), "1e309"),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().alpha().ofLength(300),
                Arbitraries.strings().all().ofMaxLength(8));
    }

    /** Header values: what an HTTP client can send (no CR/LF/NUL, which never reach the service). */
    @Provide
    Arbitrary<Optional<String>> headerValues() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
                        Arbitraries.strings().alpha().ofLength(250),
                        Arbitraries.of("", "0", "-1", "99999999999999999999", "sha256=", "Basic !!!", "Basic Og=="))
                .optional(0.7);
    }

    @Provide
    Arbitrary<Optional<String>> flags() {
        return Arbitraries.of("true", "false", "TRUE", "False", "1", "0", "yes", "", "true,false", "\u0000")
                .optional(0.7);
    }

    @Provide
    Arbitrary<String> jsonTypes() {
        return Arbitraries.of("application/json", "application/json", "application/json; charset=UTF-8", "text/plain",
                "application/xml", "application/vnd.unknown", "application/octet-stream");
    }

    @Provide
    Arbitrary<String> xmlTypes() {
        return Arbitraries.of("text/xml", "text/xml; charset=utf-8", "application/soap+xml", "application/json",
                "text/plain");
    }

    @Provide
    Arbitrary<String> uploadTypes() {
        return Arbitraries.of("application/octet-stream", "text/plain", "application/json", "multipart/form-data");
    }

    /** JSON values of every type, including numbers that fit no field and deep or odd structures. */
    private Arbitrary<Object> jsonValues() {
        return Arbitraries.oneOf(
                texts().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                        1.8446744073709552E19, 0.5, -0.0, 1e300, new java.math.BigInteger("9".repeat(30))).map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null),
                Arbitraries.of(List.of(), List.of("DE"), List.of(1, 2), Map.of(), Map.of("a", Map.of("b", List.of()))));
    }

    private static final List<String> LEAD_FIELDS = List.of("id", "email", "firstName", "lastName", "company",
            "country", "region", "postalCode", "industry", "useCase", "employees", "annualRevenue",
            "estimatedDealValue", "source", "customerType", "existingOwnerId", "createdAt", "attributes", "priority",
            "score", "unknownField");

    /** A plausible lead with some fields replaced by anything, or a body that is not a lead at all. */
    @Provide
    Arbitrary<String> leadBodies() {
        Arbitrary<Map<String, Object>> plausible = Combinators.combine(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10).map(s -> "fuzz-" + s),
                Arbitraries.of("DE", "US", "FR", "JP", "XX", "de", ""),
                Arbitraries.integers().between(-5, 100_000),
                Arbitraries.of("NEW_BUSINESS", "EXISTING_CUSTOMER", "PARTNER", "VIP"),
                Arbitraries.of("Webinar", "Demo request", "Trial"),
                Arbitraries.of(LEAD_FIELDS).map(f -> f),
                jsonValues()).as((id, country, employees, type, source, field, value) -> {
            Map<String, Object> lead = new LinkedHashMap<>();
            lead.put("id", id);
            lead.put("country", country);
            lead.put("employees", employees);
            lead.put("customerType", type);
            lead.put("source", source);
            lead.put("email", id + "@example.com");
            lead.put(field, value);
            return lead;
        });
        return Arbitraries.oneOf(
                plausible.map(ContractFuzzProperties::json),
                plausible.map(ContractFuzzProperties::json),
                plausible.map(lead -> json(lead) + json(lead)),
                jsonValues().map(ContractFuzzProperties::json),
                Arbitraries.of("", "{", "}", "[]", "null", "{\"id\":\"a\"}{\"id\":\"b\"}", "{\"id\":1.5}",
                        "{\"employees\":2.5,\"id\":\"x\"}", "{\"id\":\"x\",\"attributes\":[]}", "not json",
                        "{\"id\":\"" + "x".repeat(5000) + "\"}", "[".repeat(2000) + "]".repeat(2000)),
                Arbitraries.strings().all().ofMaxLength(30));
    }

    @Provide
    Arbitrary<Map<String, String>> searchParameters() {
        Arbitrary<String> values = Arbitraries.oneOf(texts(),
                Arbitraries.of("0", "1", "20", "200", "201", "-1", "2147483647", "99999999999", "1.5",
                        "2026-01-01T00:00:00Z", "2026-12-31T23:59:59.999999999Z", "+1000000000-01-01T00:00:00Z",
                        "-999999999-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "true", "false", "yes"));
        return Arbitraries.maps(Arbitraries.of("leadId", "repId", "rulesVersion", "from", "to", "page", "size",
                "count", "unknown"), values).ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> repIds() {
        return Arbitraries.oneOf(texts(), Arbitraries.of("anna.schmidt", "jonas.weber", "fuzz-rep"));
    }

    @Provide
    Arbitrary<String> operations() {
        return Arbitraries.of("list", "get", "create", "replace", "delete");
    }

    private static final List<String> REP_FIELDS = List.of("id", "name", "email", "team", "territories",
            "industries", "segments", "languages", "tier", "active", "availability", "capacity", "openLeads",
            "weight", "timeZone", "outOfOfficeUntil", "workingHours", "holidayRegion", "dailyCap", "weeklyCap",
            "conditionalCaps", "unknownField");

    /** A valid inactive rep (so no routing changes) with one field replaced by anything, or not a rep at all. */
    @Provide
    Arbitrary<String> repBodies() {
        Arbitrary<Map<String, Object>> plausible = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> "fuzz-" + s),
                Arbitraries.of(REP_FIELDS), jsonValues(),
                Arbitraries.of(Map.of(), Map.of("MONDAY", List.of(Map.of("from", "09:00", "to", "17:00"))),
                        Map.of("MONDAY", List.of(Map.of("from", "17:00", "to", "09:00"))),
                        Map.of("FUNDAY", List.of()))).as((id, field, value, hours) -> {
            Map<String, Object> rep = new LinkedHashMap<>();
            rep.put("id", id);
            rep.put("name", "Fuzz " + id);
            rep.put("team", "Fuzz");
            rep.put("active", false);
            rep.put("territories", List.of("DE"));
            rep.put("timeZone", "Europe/Berlin");
            rep.put("workingHours", hours);
            if (!field.equals("active")) {
                rep.put(field, value);
            }
            return rep;
        });
        return Arbitraries.oneOf(plausible.map(ContractFuzzProperties::json), plausible.map(ContractFuzzProperties::json),
                jsonValues().map(ContractFuzzProperties::json), Arbitraries.of("", "{", "[]", "{\"id\":\"a\"}{}"));
    }

    /** Rule file paths: ordinary, of every kind, traversal, too long, under an existing file, with odd characters. */
    @Provide
    Arbitrary<String> ruleFilePaths() {
        Arbitrary<String> name = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10);
        return Arbitraries.oneOf(
                name.map(n -> "rules/fuzz-" + n + ".drl"),
                name.map(n -> "decision-tables/fuzz-" + n + ".xlsx"),
                name.map(n -> "decision-tables/fuzz-" + n + ".csv"),
                name.map(n -> "rules/tests/fuzz-" + n + ".csv"),
                name.map(n -> "rules/fuzz-" + n + ".txt"),
                Arbitraries.of("rules/../../escape.drl", "rules/%2e%2e/%2e%2e/escape.drl", "..%2Fescape.drl",
                        "rules/default.drl/inner.drl", "rules/" + "a".repeat(300) + ".drl", "rules/a%00b.drl",
                        "rules/a%0Ab.drl", "/etc/passwd", "rules/", "rules/.drl", "rules/CON.drl",
                        "decision-tables/territories.xlsx/x.drl", "rules/%C3%BC.drl"),
                texts().map(ContractFuzzProperties::encodeSegment));
    }

    /** Bodies that never compile (a real upload must not change the rules the other properties route with). */
    @Provide
    Arbitrary<byte[]> ruleFileBodies() {
        return Arbitraries.oneOf(
                texts().map(t -> ("rule \"fuzz\" when ( " + t).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64).map(b -> {
                    byte[] prefixed = new byte[b.length + 4];
                    System.arraycopy("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1), 0, prefixed, 0, 4);
                    System.arraycopy(b, 0, prefixed, 4, b.length);
                    return prefixed;
                }),
                Arbitraries.of("case,expect.team\nx,".getBytes(StandardCharsets.UTF_8), new byte[0]));
    }

    @Provide
    Arbitrary<String> hubSpotBodies() {
        return Arbitraries.oneOf(leadBodies(),
                Combinators.combine(jsonValues(), jsonValues()).as((a, b) -> json(List.of(
                        object("eventId", a, "subscriptionType", "contact.creation", "objectId", b)))),
                jsonValues().map(v -> json(object("objectId", v, "properties", Map.of("email", "x@example.com")))));
    }

    /** A JSON object that may hold nulls (Map.of refuses them). */
    private static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    @Provide
    Arbitrary<String> salesforceBodies() {
        String envelope = """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                 <soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">
                  <OrganizationId>%s</OrganizationId>
                  <Notification><Id>%s</Id><sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sf:Id>%s</sf:Id><sf:Country>%s</sf:Country>
                    </sObject></Notification>
                 </notifications></soapenv:Body></soapenv:Envelope>""";
        Arbitrary<String> xmlText = texts().map(t -> t.replace("&", "&amp;").replace("<", "&lt;"));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("00D5e000000TEST1AAA", "00D000000000000AAA", ""), xmlText, xmlText,
                        xmlText).as(envelope::formatted),
                texts(),
                Arbitraries.of("<a>".repeat(5000) + "</a>".repeat(5000), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e "
                        + "SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "<x", ""));
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A path segment: encoded, and never empty (an empty segment is another path). */
    private static String encodeSegment(String value) {
        return value.isEmpty() ? "%20" : encode(value);
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
