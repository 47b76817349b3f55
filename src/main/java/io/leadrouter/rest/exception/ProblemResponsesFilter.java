package io.leadrouter.rest.exception;

import io.leadrouter.problem.Problem;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Documents, once instead of on each resource method, the answers every operation of {@code /api} and
 * {@code /webhooks} can give whatever it does, and how it is authenticated (docs/api-contract.md):
 * <ul>
 * <li>security: {@code basic} with the roles of its {@code @RolesAllowed} (listed in {@code x-roles}), and the
 * {@code apiKey} scheme too where role crm may call it (the API key's only role); webhooks none (they check a
 * signature or the CRM's own credentials);</li>
 * <li>400 (a bad parameter, header or framing), 500 and 503 (database down or pool exhausted, with Retry-After) on
 * every operation; 401 and 403 on every secured one (401 on webhooks: a wrong signature); 413 and 415 on every
 * operation that takes a body;</li>
 * <li>a problem-detail body on every 4xx/5xx a resource declares without one (its {@code @APIResponse} gives the
 * operation's own statuses: 404, 409, 410, 422 ...) — a SOAP fault instead for an operation that answers XML.</li>
 * </ul>
 * Success statuses other than a plain 200 of the method's return type (201, 202, 204) are declared on the methods.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String XML = "text/xml";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getComponents().addSchema("SoapFault", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                .description("A SOAP 1.1 envelope holding a soapenv:Fault (faultcode Client or Server, faultstring)"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean api = path.getKey().startsWith("/api/");
            boolean webhook = path.getKey().startsWith("/webhooks/");
            if (!api && !webhook) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                        : operation.getResponses();
                operation.setResponses(responses);
                boolean xml = answersXml(responses);
                if (api) {
                    secure(operation);
                } else {
                    // Explicitly none: a webhook is authenticated by its signature (docs/webhooks.md).
                    rolesAllowed(operation);
                    operation.setSecurity(new ArrayList<>());
                }
                add(responses, "400", "Invalid request: each bad field, parameter or header is named in errors[]", xml);
                if (api) {
                    add(responses, "401", "No, wrong or malformed credentials", xml);
                    add(responses, "403", "The caller's role does not allow this", xml);
                } else {
                    add(responses, "401", "Missing or wrong signature or webhook credentials", xml);
                }
                if (operation.getRequestBody() != null) {
                    add(responses, "413", "The body is larger than the limit named in the detail; nothing was read", xml);
                    add(responses, "415", "The Content-Type is not one this operation reads", xml);
                    if (xml) {
                        // Refused by the HTTP layer before the SOAP endpoint runs: a declared Content-Length over
                        // quarkus.http.limits.max-body-size, or a Content-Type it does not read.
                        for (String status : List.of("413", "415")) {
                            responses.getAPIResponse(status).getContent().addMediaType(Problem.MEDIA_TYPE,
                                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
                        }
                    }
                }
                add(responses, "500", "Unexpected error; the detail carries a reference for the logs, never a stack trace", xml);
                add(responses, "503", "The database (or the CRM a webhook needs) is unavailable or has no free "
                        + "connection right now; nothing was stored. Retry after Retry-After seconds", xml);
                responses.getAPIResponse("503").addHeader("Retry-After", OASFactory.createHeader()
                        .description("Seconds to wait before retrying")
                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))));
                // Statuses a resource declares with a description only get the problem body.
                responses.getAPIResponses().forEach((status, response) -> {
                    if (status.compareTo("400") >= 0 && response.getContent() == null) {
                        response.setContent(problemContent(xml));
                    }
                });
            }
        }
    }

    /**
     * Basic auth carries every role, the API key only crm. The roles come from the resource method's (or class's)
     * {@code @RolesAllowed}, found through the operation id (see rolesAllowed); OpenAPI 3.0 wants the requirement's arrays empty for non-OAuth schemes, so they go to {@code x-roles}.
     * (Quarkus's own requirement, one scheme for all, is switched off: quarkus.smallrye-openapi.auto-add-security-requirement.)
     */
    private static void secure(Operation operation) {
        if (operation.getExtensions() != null && operation.getExtensions().containsKey("x-roles")) {
            return; // Filtered at build time already (the filter runs again at start-up: always-run-filter).
        }
        Set<String> roles = rolesAllowed(operation);
        if (roles.isEmpty()) {
            return;
        }
        List<SecurityRequirement> security = new ArrayList<>();
        security.add(OASFactory.createSecurityRequirement().addScheme("basic"));
        if (roles.contains(Roles.CRM)) {
            security.add(OASFactory.createSecurityRequirement().addScheme("apiKey"));
        }
        operation.setSecurity(security);
        operation.addExtension("x-roles", new ArrayList<>(roles));
        String who = "Roles: " + String.join(", ", roles) + ".";
        if (operation.getDescription() == null) {
            operation.setDescription(who);
        } else if (!operation.getDescription().contains("Roles:")) {
            operation.setDescription(operation.getDescription() + " " + who);
        }
    }

    /**
     * The operation id is {@code package.Class_method} while the document is built
     * (quarkus.smallrye-openapi.operation-id-strategy=package-class-method): the roles are read from that method's
     * (or its class's) {@code @RolesAllowed}, and the id is shortened to {@code Class_method} for the document.
     */
    private static Set<String> rolesAllowed(Operation operation) {
        Set<String> roles = new LinkedHashSet<>();
        String id = operation.getOperationId();
        int split = id == null ? -1 : id.lastIndexOf('_');
        if (split < 0 || id.lastIndexOf('.', split) < 0) {
            return roles;
        }
        String className = id.substring(0, split);
        String methodName = id.substring(split + 1);
        operation.setOperationId(className.substring(className.lastIndexOf('.') + 1) + "_" + methodName);
        try {
            Class<?> type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            RolesAllowed allowed = null;
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(methodName) && method.isAnnotationPresent(RolesAllowed.class)) {
                    allowed = method.getAnnotation(RolesAllowed.class);
                }
            }
            if (allowed == null) {
                allowed = type.getAnnotation(RolesAllowed.class);
            }
            if (allowed != null) {
                roles.addAll(List.of(allowed.value()));
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("OpenAPI: no resource class for operation " + id, e);
        }
        return roles;
    }

    private static boolean answersXml(APIResponses responses) {
        APIResponse ok = responses.getAPIResponse("200");
        return ok != null && ok.getContent() != null && ok.getContent().getMediaTypes() != null
                && ok.getContent().getMediaTypes().containsKey(XML);
    }

    private static void add(APIResponses responses, String status, String description, boolean xml) {
        APIResponse existing = responses.getAPIResponse(status);
        // SmallRye adds bare 400/401/403 entries for validated and secured methods: give them the body.
        if (existing == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(problemContent(xml)));
        } else if (existing.getContent() == null) {
            existing.setContent(problemContent(xml));
        }
    }

    private static Content problemContent(boolean xml) {
        return OASFactory.createContent().addMediaType(xml ? XML : Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(xml ? "SoapFault" : "Problem")));
    }

    private static Schema problemSchema() {
        Map<String, Schema> error = new LinkedHashMap<>();
        error.put("field", string("The JSON path, parameter or header that is wrong (validation problems)"));
        error.put("message", string("What is wrong with it"));
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).properties(error)
                .description("One bad field; a rule problem (422) locates by file, line, sheet and row instead");
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem detail")
                .addProperty("type", string("A URI naming the kind of problem").format("uri"))
                .addProperty("title", string("The kind of problem, in words"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string("What went wrong this time"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(fieldError))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
