package io.leadrouter.rest.exception;

import io.leadrouter.problem.Problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * Documents the problem-detail answers every endpoint can give (400, 401, 403, 404, 500) once, instead of on each
 * resource method.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final Map<String, String> STANDARD = Map.of(
            "400", "Invalid request: each bad field is named in errors[]",
            "401", "No or wrong credentials",
            "403", "The caller's role does not allow this",
            "500", "Unexpected error; the detail carries a reference for the logs, never a stack trace");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema fieldError = OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                .addProperty("message", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)));
        Schema problem = OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem detail")
                .addProperty("type", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)).format("uri"))
                .addProperty("title", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                .addProperty("errors", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.ARRAY)).items(fieldError));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problem);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
                STANDARD.forEach((status, description) -> {
                    var existing = responses.getAPIResponse(status);
                    // SmallRye adds bare 400/401/403 entries for validated and secured methods: give them the body.
                    if (existing == null || existing.getContent() == null) {
                        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
                    }
                });
                operation.setResponses(responses);
            }
        }
    }
}
