package io.leadrouter.webhook;

import io.leadrouter.config.WebhookConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.intake.ControlCharacters;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /webhooks/salesforce}: Salesforce outbound messages on the Lead object. Answers {@code <Ack>true</Ack>}
 * only once every notification of the message has its decision stored. Every refusal is a SOAP 1.1 fault (the only
 * error body Salesforce shows in its outbound message queue), with the HTTP status a problem detail would have had:
 * 400 malformed, 401 bad basic auth, 403 unknown org, 413 too large, 503 storage down, 500 unexpected (with a
 * reference, never a stack trace). Salesforce retries any non-Ack for up to 24 hours.
 */
@Path("/webhooks/salesforce")
@Tag(name = "Webhooks")
@PermitAll
public class SalesforceWebhookResource {

    private static final Logger LOG = Logger.getLogger(SalesforceWebhookResource.class);
    static final String XML = "text/xml; charset=utf-8";
    /** Salesforce field to lead field; {@code routing.webhooks.salesforce.field-map} is merged over it. */
    static final Map<String, String> DEFAULT_FIELD_MAP = Map.ofEntries(
            Map.entry("Id", "id"), Map.entry("Email", "email"), Map.entry("FirstName", "firstName"),
            Map.entry("LastName", "lastName"), Map.entry("Company", "company"), Map.entry("Country", "country"),
            Map.entry("State", "region"), Map.entry("PostalCode", "postalCode"), Map.entry("Industry", "industry"),
            Map.entry("NumberOfEmployees", "employees"), Map.entry("AnnualRevenue", "annualRevenue"),
            Map.entry("LeadSource", "source"), Map.entry("OwnerId", "existingOwnerId"),
            Map.entry("CreatedDate", "createdAt"));
    /** With state and country picklists, the codes are more exact than the labels and win. */
    static final Map<String, String> PICKLIST_CODES = Map.of("CountryCode", "country", "StateCode", "region");

    private final WebhookService webhooks;
    private final LeadAssembler leads;
    private final WebhookConfig config;
    /** Notifications updating a lead routed before, as lead lifecycle events (issue #13). */
    @jakarta.inject.Inject
    SalesforceLeadUpdates leadUpdates;

    public SalesforceWebhookResource(WebhookService webhooks, LeadAssembler leads, WebhookConfig config) {
        this.webhooks = webhooks;
        this.leads = leads;
        this.config = config;
    }

    @POST
    @Consumes({"text/xml", "application/xml", "application/soap+xml"})
    @Produces("text/xml")
    @Operation(summary = "Route leads from a Salesforce outbound message", description = "SOAP 1.1 notifications "
            + "of Lead sObjects; acknowledged once every decision is stored. Refusals are SOAP faults.")
    @APIResponse(responseCode = "200", description = "Acknowledged (Ack true) once every notification's decision is stored", content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "The organization id is not the configured one")
    @APIResponse(responseCode = "409", description = "The delivery id was used before for a different body")
    public Response receive(InputStream body, @HeaderParam("Content-Length") String contentLength,
                            @HeaderParam("Content-Type") String contentType,
                            @HeaderParam("Authorization") String authorization,
                            @QueryParam("token") String token) {
        try {
            if (ControlCharacters.present(token)) {
                throw BoundedBody.malformed("The token parameter " + ControlCharacters.MESSAGE);
            }
            checkEndpointToken(token);
            byte[] raw = BoundedBody.read(body, contentLength, config.maxBodyBytes());
            checkBasicAuth(authorization);
            OutboundMessageParser.OutboundMessage message;
            try {
                // Bounded streaming pass first: the org is checked before the message is parsed into a tree.
                checkOrganization(OutboundMessageParser.organizationId(raw));
                message = OutboundMessageParser.parse(raw);
            } catch (OutboundMessageParser.MalformedMessageException e) {
                if (e.organizationId() != null) {
                    checkOrganization(e.organizationId());
                }
                throw BoundedBody.malformed(e.getMessage());
            }
            checkOrganization(message.organizationId());
            // Assemble every lead first: a bad notification refuses the message before any of it is stored.
            Map<OutboundMessageParser.Notification, Lead> assembled = new LinkedHashMap<>();
            for (OutboundMessageParser.Notification notification : message.notifications()) {
                assembled.put(notification, toLead(notification));
            }
            assembled.forEach((notification, lead) -> {
                if (!leadUpdates.handled(message.organizationId(), notification)) {
                    webhooks.receive(new InboundDelivery(WebhookSource.SALESFORCE,
                            message.organizationId() + ":" + notification.id(), contentType, notification.rawXml()),
                            () -> lead);
                }
            });
            return Response.ok(ACK, XML).build();
        } catch (ProblemException e) {
            Problem problem = e.problem();
            Response.ResponseBuilder fault = Response.status(problem.status()).type(XML)
                    .entity(fault(problem.status() >= 500 ? "Server" : "Client", problem.title() + ": "
                            + problem.detail()));
            if (e instanceof StorageUnavailableException) {
                fault.header("Retry-After", StorageUnavailableException.RETRY_AFTER_SECONDS);
            }
            if (problem.status() == 401) {
                fault.header("WWW-Authenticate", "Basic realm=\"lead-router-salesforce\"");
            }
            return fault.build();
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "Unexpected error in a Salesforce outbound message, reference %s", reference);
            return Response.serverError().type(XML).entity(fault("Server",
                    "Internal error; quote reference " + reference + " when reporting it")).build();
        }
    }

    Lead toLead(OutboundMessageParser.Notification notification) {
        if (!"Lead".equals(notification.sObjectType())) {
            throw BoundedBody.malformed("Notification " + notification.id() + " carries a " + notification.sObjectType()
                    + "; only Lead outbound messages are routed");
        }
        Map<String, String> mapping = new HashMap<>(DEFAULT_FIELD_MAP);
        mapping.putAll(config.salesforce().fieldMap());
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> attributes = new HashMap<>();
        notification.fields().forEach((name, value) -> {
            String target = mapping.get(name);
            if (target != null && LeadAssembler.LEAD_FIELDS.contains(target)) {
                fields.putIfAbsent(target, value);
            } else if (!PICKLIST_CODES.containsKey(name)) {
                attributes.put(name, value);
            }
        });
        PICKLIST_CODES.forEach((name, target) -> {
            String code = notification.fields().get(name);
            if (code != null && !code.isBlank()) {
                fields.put(target, code);
            }
        });
        return leads.assemble(fields, attributes);
    }

    private void checkOrganization(String organizationId) {
        List<String> allowed = config.salesforce().organizationIds().orElse(List.of());
        // Salesforce sends the 18-character id; accept a configured 15-character one too (case-sensitive prefix).
        boolean known = allowed.stream().anyMatch(id -> id.equals(organizationId)
                || (id.length() == 15 && organizationId.length() == 18 && organizationId.startsWith(id)));
        if (!known) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN, "unknown-organization",
                    "Unknown organization", "Organization " + organizationId + " is not in "
                            + "routing.webhooks.salesforce.organization-ids; nothing was stored"));
        }
    }

    private void checkEndpointToken(String token) {
        if (config.salesforce().endpointToken().isEmpty()) {
            return;
        }
        byte[] expected = config.salesforce().endpointToken().get().getBytes(StandardCharsets.UTF_8);
        byte[] presented = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "invalid-webhook-credentials",
                    "Webhook not authenticated", "The endpoint URL lacks the configured token; nothing was stored"));
        }
    }

    private void checkBasicAuth(String authorization) {
        if (config.salesforce().basicAuthUsername().isEmpty()) {
            return;
        }
        String expected = config.salesforce().basicAuthUsername().get() + ":"
                + config.salesforce().basicAuthPassword().orElse("");
        String presented = "";
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                presented = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ignored) {
                // Compared as empty below.
            }
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "invalid-webhook-credentials",
                    "Webhook not authenticated", "The outbound message lacks the configured basic auth credentials"));
        }
    }

    static final String ACK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
              <soapenv:Body>
                <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
                  <Ack>true</Ack>
                </notificationsResponse>
              </soapenv:Body>
            </soapenv:Envelope>
            """;

    static String fault(String code, String message) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                  <soapenv:Body>
                    <soapenv:Fault>
                      <faultcode>soapenv:%s</faultcode>
                      <faultstring>%s</faultstring>
                    </soapenv:Fault>
                  </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(code, escape(message));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
