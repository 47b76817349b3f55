package io.leadrouter.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document says what the service does (issue 15, item 16): OpenAPI 3.0 so the validator and common
 * clients read it, both security schemes declared and applied per operation, and for every operation a success
 * status and every error status it can give, with a problem-detail body. And the suite's response check is on and
 * catches a response the document does not allow.
 */
@QuarkusTest
@Tag("database")
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private static JsonPath document() throws IOException {
        String json = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        // For reading by hand (docs/api-contract.md): the document the suite validated against.
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi-live.json"), json);
        return JsonPath.from(json);
    }

    @Test
    void isOpenApi30WithBothSecuritySchemes() throws IOException {
        JsonPath doc = document();
        assertEquals("3.0.3", doc.getString("openapi"));
        assertEquals("http", doc.getString("components.securitySchemes.basic.type"));
        assertEquals("basic", doc.getString("components.securitySchemes.basic.scheme"));
        assertEquals("apiKey", doc.getString("components.securitySchemes.apiKey.type"));
        assertEquals("header", doc.getString("components.securitySchemes.apiKey.in"));
        assertEquals("X-API-Key", doc.getString("components.securitySchemes.apiKey.name"));
    }

    @Test
    void everyOperationDocumentsItsSecurityAndStatuses() throws IOException {
        JsonPath doc = document();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> wrong = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            String name = method.toUpperCase() + " " + path;
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) op.get("responses");
            @SuppressWarnings("unchecked")
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) op.get("security");
            @SuppressWarnings("unchecked")
            List<String> roles = (List<String>) op.get("x-roles");
            if (responses.keySet().stream().noneMatch(s -> s.startsWith("2"))) {
                wrong.add(name + ": no success status");
            }
            List<String> errors = new ArrayList<>(List.of("400", "500", "503"));
            if (path.startsWith("/api/")) {
                errors.addAll(List.of("401", "403"));
                if (security == null || security.isEmpty() || !security.get(0).containsKey("basic")) {
                    wrong.add(name + ": basic auth not applied");
                } else if (roles == null || roles.isEmpty()) {
                    wrong.add(name + ": no x-roles");
                } else if (roles.contains("crm") != security.stream().anyMatch(s -> s.containsKey("apiKey"))) {
                    wrong.add(name + ": the API key (role crm) applies exactly where role crm may call");
                }
            } else if (security == null || !security.isEmpty()) {
                wrong.add(name + ": a webhook authenticates by signature, not by the API's schemes");
            } else {
                errors.add("401");
            }
            if (op.get("requestBody") != null) {
                errors.addAll(List.of("413", "415"));
            }
            for (String status : errors) {
                if (!responses.containsKey(status)) {
                    wrong.add(name + ": " + status + " not documented");
                }
            }
            responses.forEach((status, response) -> {
                if (status.compareTo("400") >= 0 && response.get("content") == null) {
                    wrong.add(name + ": " + status + " has no body");
                }
            });
        }));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void operationSpecificStatusesAreDocumented() throws IOException {
        JsonPath doc = document();
        Map<String, List<String>> expected = Map.of(
                "paths.'/api/rules/reload'.post.responses", List.of("200", "422"),
                "paths.'/api/rules/files/{path}'.put.responses", List.of("200", "413", "422"),
                "paths.'/api/rules/files/{path}'.delete.responses", List.of("200", "404", "422"),
                "paths.'/api/rules/versions/{version}/activate'.post.responses", List.of("200", "404", "410", "422"),
                "paths.'/api/reps'.post.responses", List.of("201", "409"),
                "paths.'/api/reps/{id}'.delete.responses", List.of("204", "404"),
                "paths.'/api/route'.post.responses", List.of("200", "409", "503"),
                "paths.'/webhooks/generic'.post.responses", List.of("200", "400", "401", "409", "413", "503"),
                "paths.'/webhooks/salesforce'.post.responses", List.of("200", "400", "401", "403", "413", "503"));
        expected.forEach((responses, statuses) -> assertTrue(doc.getMap(responses).keySet().containsAll(statuses),
                responses + " has " + doc.getMap(responses).keySet() + ", expected at least " + statuses));
        assertEquals("text/xml", doc.getMap("paths.'/webhooks/salesforce'.post.responses.'400'.content").keySet()
                .iterator().next(), "Salesforce refusals are SOAP faults");
    }

    @Test
    void theSuitesResponseCheckIsInstalledAndRefusesWhatTheDocumentDoesNotAllow() throws IOException {
        assertTrue(RestAssured.filters().contains(OpenApiContract.filter()), "OpenApiContractCallback installed it");
        String json = given().get("/q/openapi?format=json").asString();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(json)
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                .build();
        ValidationReport undocumented = validator.validateResponse("/api/reps", Request.Method.GET,
                SimpleResponse.Builder.status(418).withContentType("application/json").withBody("[]").build());
        assertTrue(undocumented.hasErrors(), "an undocumented status is refused");
        ValidationReport wrongShape = validator.validateResponse("/api/reps", Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody("[{\"id\":5}]").build());
        assertTrue(wrongShape.hasErrors(), "a body of the wrong shape is refused");
        ValidationReport problem = validator.validateResponse("/api/reps", Request.Method.GET,
                SimpleResponse.Builder.status(401).withContentType("application/problem+json").withBody("{}").build());
        assertTrue(problem.hasErrors(), "a problem detail without type, title, status and detail is refused");
    }
}
