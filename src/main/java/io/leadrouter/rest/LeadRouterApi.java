package io.leadrouter.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The API's OpenAPI identity: what it is and how callers authenticate. */
@OpenAPIDefinition(
        info = @Info(title = "Lead Router API", version = "0.1",
                description = "Routes leads to reps with Drools rules and Excel decision tables compiled at runtime. "
                        + "Every answer says which rules matched and why. Errors are RFC 9457 problem details. "
                        + "Roles: admin (roster and rules), ops (read, dry runs), crm (route).",
                license = @License(name = "Apache 2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "apiKey")})
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "Users admin, ops, crm (passwords from LEADROUTER_*_PASSWORD)"),
        @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "X-API-Key", description = "CRM API key (role crm)")})
public class LeadRouterApi extends Application {
}
