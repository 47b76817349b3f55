package io.leadrouter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.config.WebhookConfig;
import io.leadrouter.domain.Lead;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /webhooks/generic}: a lead as a JSON object from any sender that signs with the shared secret. Sender
 * field names are renamed by {@code routing.webhooks.generic.field-map}; names that are already lead fields pass as
 * they are; everything else goes to {@code attributes}.
 */
@Path("/webhooks/generic")
@Tag(name = "Webhooks")
@PermitAll
public class GenericWebhookResource {

    static final String SIGNATURE = "X-Signature";
    static final String TIMESTAMP = "X-Timestamp";
    static final String DELIVERY_ID = "X-Delivery-Id";

    private final WebhookService webhooks;
    private final LeadAssembler leads;
    private final WebhookConfig config;
    private final ObjectMapper json;

    public GenericWebhookResource(WebhookService webhooks, LeadAssembler leads, WebhookConfig config, ObjectMapper json) {
        this.webhooks = webhooks;
        this.leads = leads;
        this.config = config;
        this.json = json;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Route a lead from a generic sender", description = "Authenticated by X-Signature: sha256=hex("
            + "HMAC-SHA256(secret, X-Timestamp + '.' + body)); X-Timestamp in unix seconds, at most 5 minutes off. "
            + "X-Delivery-Id makes retries idempotent: the same id answers the same decision.")
    @APIResponse(responseCode = "200", description = "Routed (or a retry of a delivery already routed: the same decision)")
    @APIResponse(responseCode = "409", description = "The delivery id was used before for a different body")
    public WebhookReceipt receive(InputStream body, @HeaderParam("Content-Length") String contentLength,
                                  @HeaderParam("Content-Type") String contentType,
                                  @HeaderParam(SIGNATURE) String signature, @HeaderParam(TIMESTAMP) String timestamp,
                                  @HeaderParam(DELIVERY_ID) String deliveryId) {
        byte[] raw = BoundedBody.read(body, contentLength, config.maxBodyBytes());
        SignatureVerifier.verifyGeneric(config.generic().secret().orElse(null), timestamp, signature, raw,
                Instant.now(), config.maxClockSkew());
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 200) {
            throw BoundedBody.malformed("The X-Delivery-Id header is required (1 to 200 characters): it makes retries "
                    + "answer the same decision");
        }
        JsonNode lead;
        try {
            lead = json.readTree(raw);
        } catch (java.io.IOException e) {
            throw BoundedBody.malformed("The body is not valid JSON");
        }
        if (lead == null || !lead.isObject()) {
            throw BoundedBody.malformed("The body must be a JSON object holding one lead");
        }
        String rawBody = new String(raw, StandardCharsets.UTF_8);
        return webhooks.receive(new InboundDelivery(WebhookSource.GENERIC, deliveryId.trim(), contentType, rawBody),
                () -> toLead(lead));
    }

    Lead toLead(JsonNode body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> attributes = new HashMap<>();
        Map<String, String> mapping = config.generic().fieldMap();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Object value = json.convertValue(field.getValue(), Object.class);
            String target = mapping.getOrDefault(field.getKey(), field.getKey());
            if (target.equals("attributes") && value instanceof Map<?, ?> custom) {
                custom.forEach((name, v) -> attributes.put(String.valueOf(name), v));
            } else if (LeadAssembler.LEAD_FIELDS.contains(target)) {
                fields.put(target, value);
            } else {
                attributes.put(field.getKey(), value);
            }
        }
        return leads.assemble(fields, attributes);
    }
}
