package io.leadrouter.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The contract check of the whole suite (docs/api-contract.md): a REST Assured filter, installed once for every
 * {@code @QuarkusTest} (by {@link OpenApiContractCallback}), that validates each response against the service's own
 * {@code /q/openapi} document — status documented for the operation, Content-Type one it declares, body valid against
 * its schema, headers it requires — and fails the request (an {@link AssertionError}) when it is not.
 * <p>
 * Responses only: the suite sends deliberately bad requests (unknown fields, wrong types, missing credentials) whose
 * answers are what is checked, so validating the requests would refuse exactly those.
 * <p>
 * What is not validated is named in {@link #VALIDATED_PREFIXES} and {@link #isUndocumentedOperation}: only paths
 * under {@code /api/} and {@code /webhooks/} are the documented API. {@code /q/} (health, metrics, the document
 * itself) is Quarkus's own; {@code /console} is HTML for people, left out of the document on purpose;
 * {@code /bench} is a hidden benchmark baseline. A request to an operation the document does not have passes only
 * if the service too says it does not exist (404 or 405).
 */
public final class OpenApiContract implements Filter {

    /** The documented API; everything else a test calls is outside the contract (see the class comment). */
    static final List<String> VALIDATED_PREFIXES = List.of("/api/", "/webhooks/");

    private static final OpenApiContract INSTANCE = new OpenApiContract();
    /** One validator per service base URL (one per JVM in practice: every test profile serves one document). */
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private OpenApiContract() {
    }

    /** Adds the filter to REST Assured's global filters of this class loader, once. */
    public static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    /** The filter, for a REST Assured call outside a {@code @QuarkusTest} (the fuzz properties). */
    public static Filter filter() {
        return INSTANCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (VALIDATED_PREFIXES.stream().noneMatch(path::startsWith)) {
            return response;
        }
        String base = uri.getScheme() + "://" + uri.getAuthority();
        OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(base, OpenApiContract::load);
        Request.Method method = Request.Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
        ValidationReport report = validator.validateResponse(documentedPath(path), method, RestAssuredResponse.of(response));
        if (isUndocumentedOperation(report)) {
            if (response.statusCode() == 404 || response.statusCode() == 405) {
                return response;
            }
            throw new AssertionError("Contract: " + method + " " + path + " answered " + response.statusCode()
                    + " but the OpenAPI document has no such operation");
        }
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR).toList();
        if (!errors.isEmpty()) {
            String body = response.asString();
            throw new AssertionError("Contract: " + method + " " + path + " answered " + response.statusCode() + " "
                    + response.contentType() + " that does not match the OpenAPI document:\n"
                    + errors.stream().map(m -> "  [" + m.getKey() + "] " + m.getMessage()).collect(Collectors.joining("\n"))
                    + "\nbody: " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body));
        }
        return response;
    }

    /**
     * A rule file's API path ({@code rules/x.drl}) is one parameter spanning segments ({@code {path: .+}}), which
     * OpenAPI cannot express: the document has {@code /api/rules/files/{path}}, matched here with the slashes encoded.
     */
    static String documentedPath(String path) {
        String files = "/api/rules/files/";
        return path.startsWith(files) && path.length() > files.length()
                ? files + path.substring(files.length()).replace("/", "%2F") : path;
    }

    /** The validator reports an unknown path or method as a request message (which is otherwise ignored). */
    private static boolean isUndocumentedOperation(ValidationReport report) {
        return report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
    }

    private static OpenApiInteractionValidator load(String base) {
        String document;
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + base + "/q/openapi answered " + answer.statusCode());
            }
            document = answer.body();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document of " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        // Responses only, see the class comment; unknown operations are caught above.
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }
}
