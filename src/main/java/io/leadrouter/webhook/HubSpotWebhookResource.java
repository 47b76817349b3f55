package io.leadrouter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.config.WebhookConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /webhooks/hubspot}: HubSpot app webhook subscriptions (a JSON array of events; {@code contact.creation}
 * events are routed after looking the contact up, other events are acknowledged and ignored) and workflow "Send a
 * webhook" actions (one object with {@code objectId} and {@code properties}). Authenticated by {@code
 * X-HubSpot-Signature-v3}.
 */
@Path("/webhooks/hubspot")
@Tag(name = "Webhooks")
@PermitAll
public class HubSpotWebhookResource {

    private static final Logger LOG = Logger.getLogger(HubSpotWebhookResource.class);
    static final String SIGNATURE = "X-HubSpot-Signature-v3";
    static final String TIMESTAMP = "X-HubSpot-Request-Timestamp";
    static final String CONTACT_CREATION = "contact.creation";
    /** HubSpot property to lead field; {@code routing.webhooks.hubspot.property-map} is merged over it. */
    static final Map<String, String> DEFAULT_PROPERTY_MAP = Map.ofEntries(
            Map.entry("email", "email"), Map.entry("firstname", "firstName"), Map.entry("lastname", "lastName"),
            Map.entry("company", "company"), Map.entry("country", "country"), Map.entry("state", "region"),
            Map.entry("zip", "postalCode"), Map.entry("industry", "industry"),
            Map.entry("numberofemployees", "employees"), Map.entry("annualrevenue", "annualRevenue"),
            Map.entry("hs_analytics_source", "source"), Map.entry("hubspot_owner_id", "existingOwnerId"));

    private final WebhookService webhooks;
    private final LeadAssembler leads;
    private final WebhookConfig config;
    private final ObjectMapper json;
    private final CrmClients clients;
    /** contact.propertyChange events as lead lifecycle events (issue #13). */
    @jakarta.inject.Inject
    HubSpotLifecycleEvents lifecycle;

    public HubSpotWebhookResource(WebhookService webhooks, LeadAssembler leads, WebhookConfig config, ObjectMapper json,
                                  CrmClients clients) {
        this.webhooks = webhooks;
        this.leads = leads;
        this.config = config;
        this.json = json;
        this.clients = clients;
    }

    /**
     * @param deliveries one receipt per routed delivery
     * @param ignored    event ids acknowledged without routing (subscription types other than contact.creation)
     * @param events     contact.propertyChange events recorded as lead lifecycle events
     */
    public record HubSpotReceipt(List<WebhookReceipt> deliveries, List<String> ignored,
                                 List<io.leadrouter.lifecycle.EventReceipt> events) {
        public HubSpotReceipt(List<WebhookReceipt> deliveries, List<String> ignored) {
            this(deliveries, ignored, List.of());
        }
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Route contacts from HubSpot", description = "Subscription events (contact.creation) or a "
            + "workflow webhook with properties. Authenticated by X-HubSpot-Signature-v3 over method, public URL, body "
            + "and X-HubSpot-Request-Timestamp (milliseconds, at most 5 minutes off).")
    @APIResponse(responseCode = "200", description = "Each delivery routed (or answered from an earlier delivery), and the events ignored")
    @APIResponse(responseCode = "409", description = "The delivery id was used before for a different body")
    public HubSpotReceipt receive(InputStream body, @HeaderParam("Content-Length") String contentLength,
                                  @HeaderParam("Content-Type") String contentType,
                                  @HeaderParam(SIGNATURE) String signature, @HeaderParam(TIMESTAMP) String timestamp,
                                  @Context UriInfo uri) {
        byte[] raw = BoundedBody.read(body, contentLength, config.maxBodyBytes());
        SignatureVerifier.verifyHubSpotV3(config.hubspot().appSecret().orElse(null), "POST", signedUri(uri), raw,
                timestamp, signature, Instant.now(), config.maxClockSkew());
        JsonNode payload;
        try {
            payload = json.readTree(raw);
        } catch (java.io.IOException e) {
            throw BoundedBody.malformed("The body is not valid JSON");
        }
        if (payload != null && payload.isArray()) {
            return subscriptionEvents(payload, contentType);
        }
        if (payload != null && payload.isObject()) {
            return new HubSpotReceipt(List.of(workflow(payload, raw, contentType)), List.of());
        }
        throw BoundedBody.malformed("Expected a JSON array of subscription events or a workflow object with objectId "
                + "and properties");
    }

    /** The URL HubSpot signed: the configured public base URL with our path and query, or the URL as received. */
    String signedUri(UriInfo uri) {
        URI received = uri.getRequestUri();
        return config.publicBaseUrl()
                .map(base -> base.replaceAll("/+$", "") + received.getRawPath()
                        + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery()))
                .orElse(received.toString());
    }

    private HubSpotReceipt subscriptionEvents(JsonNode events, String contentType) {
        // Check the whole batch before routing any of it: a malformed batch stores nothing.
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (!event.isObject() || !event.path("eventId").isValueNode() || !event.path("subscriptionType").isTextual()
                    || !event.path("objectId").isValueNode()) {
                throw new ProblemException(Problem.invalid("A subscription event lacks eventId, subscriptionType or "
                        + "objectId", List.of(new Problem.FieldError("[" + i + "]",
                        "must be an object with eventId, subscriptionType and objectId"))));
            }
        }
        lifecycle.check(events);
        List<WebhookReceipt> routed = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<io.leadrouter.lifecycle.EventReceipt> lifecycleEvents = new ArrayList<>();
        for (JsonNode event : events) {
            String eventId = event.get("eventId").asText();
            if (lifecycle.toEvent(event) != null) {
                lifecycleEvents.add(lifecycle.receive(event));
                continue;
            }
            if (!CONTACT_CREATION.equals(event.get("subscriptionType").asText())) {
                ignored.add(eventId);
                continue;
            }
            String contactId = event.get("objectId").asText();
            routed.add(webhooks.receive(new InboundDelivery(WebhookSource.HUBSPOT, "event:" + eventId, contentType,
                    event.toString()), () -> fetchContact(contactId)));
        }
        return new HubSpotReceipt(routed, ignored, lifecycleEvents);
    }

    private WebhookReceipt workflow(JsonNode payload, byte[] raw, String contentType) {
        JsonNode properties = payload.path("properties");
        String objectId = payload.path("objectId").isValueNode() ? payload.path("objectId").asText()
                : propertyValue(properties.path("hs_object_id"));
        if (objectId == null || objectId.isBlank() || !properties.isObject()) {
            throw BoundedBody.malformed("A workflow webhook needs objectId and a properties object");
        }
        // Workflow webhooks carry no event id; HubSpot resends the same body on retry, so its hash identifies it.
        String deliveryId = "workflow:" + sha256(raw);
        return webhooks.receive(new InboundDelivery(WebhookSource.HUBSPOT, deliveryId, contentType,
                new String(raw, StandardCharsets.UTF_8)), () -> toLead(objectId, properties));
    }

    private Lead fetchContact(String contactId) {
        String token = config.hubspot().accessToken().orElseThrow(() -> unavailable(
                "HubSpot contact look-ups need routing.webhooks.hubspot.access-token; the event was not stored"));
        JsonNode contact;
        try {
            contact = clients.hubSpot().contact(contactId, String.join(",", propertiesToFetch()), "Bearer " + token);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            LOG.warnf("HubSpot answered %d to the look-up of contact %s", status, contactId);
            throw unavailable("HubSpot answered " + status + " to the look-up of contact " + contactId
                    + "; the event was not stored, retry later");
        } catch (ProcessingException e) {
            LOG.warnf("HubSpot look-up of contact %s failed: %s", contactId, e.getMessage());
            throw unavailable("HubSpot could not be reached to look up contact " + contactId
                    + "; the event was not stored, retry later");
        }
        return toLead(contactId, contact.path("properties"));
    }

    private Set<String> propertiesToFetch() {
        Set<String> properties = new LinkedHashSet<>(DEFAULT_PROPERTY_MAP.keySet());
        properties.addAll(config.hubspot().propertyMap().keySet());
        config.hubspot().extraProperties().ifPresent(properties::addAll);
        return properties;
    }

    Lead toLead(String contactId, JsonNode properties) {
        Map<String, String> mapping = new HashMap<>(DEFAULT_PROPERTY_MAP);
        mapping.putAll(config.hubspot().propertyMap());
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> attributes = new HashMap<>();
        fields.put("id", contactId);
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String value = propertyValue(property.getValue());
            if (value == null || property.getKey().equals("hs_object_id")) {
                continue;
            }
            String target = mapping.get(property.getKey());
            if (target != null && LeadAssembler.LEAD_FIELDS.contains(target) && !target.equals("id")) {
                fields.put(target, value);
            } else {
                attributes.put(property.getKey(), value);
            }
        }
        return leads.assemble(fields, attributes);
    }

    /** A property as a string: v3 API and custom workflow bodies send plain values, legacy ones {@code {"value": …}}. */
    private static String propertyValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return propertyValue(node.get("value"));
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "crm-unavailable",
                "CRM unavailable", detail));
    }
}
