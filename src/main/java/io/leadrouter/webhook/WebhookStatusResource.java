package io.leadrouter.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** What became of webhook deliveries and of writing their owners back. Roles: ops, admin. */
@Path("/api/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class WebhookStatusResource {

    /**
     * @param id         our id of the stored delivery (the receipt id of the webhook answer)
     * @param source     the CRM
     * @param deliveryId the sender's id (HubSpot: {@code event:<eventId>} or {@code workflow:<sha256 of body>};
     *                   Salesforce: {@code <orgId>:<notificationId>}; generic: the X-Delivery-Id)
     * @param pushback   writing the owner back
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(UUID id, String source, String deliveryId, Instant receivedAt, String status,
                               String leadId, UUID decisionId, PushbackView pushback) {
    }

    /**
     * @param status      PENDING (waiting for its next attempt), DELIVERED, FAILED (given up) or SKIPPED
     * @param lastError   why the last attempt failed, or why it was skipped
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PushbackView(String target, String crmRecordId, String ownerId, String status, int attempts,
                               Instant nextAttemptAt, String lastError, Instant deliveredAt) {
        static PushbackView of(PushbackEntity p) {
            return new PushbackView(p.target, p.crmRecordId, p.ownerId, p.status, p.attempts, p.nextAttemptAt,
                    p.lastError, p.deliveredAt);
        }
    }

    @GET
    @Path("/deliveries/{id}")
    @Transactional
    @Operation(summary = "A stored webhook delivery and its push-back, by receipt id")
    @APIResponse(responseCode = "200", description = "The delivery")
    @APIResponse(responseCode = "404", description = "No delivery with this receipt id")
    public DeliveryView delivery(@PathParam("id") UUID id) {
        WebhookDeliveryEntity delivery = WebhookDeliveryEntity.<WebhookDeliveryEntity>findByIdOptional(id)
                .orElseThrow(() -> notFound("No webhook delivery " + id));
        return view(delivery);
    }

    @GET
    @Path("/deliveries")
    @Transactional
    @Operation(summary = "A stored webhook delivery and its push-back, by the sender's delivery id")
    @APIResponse(responseCode = "200", description = "The delivery")
    @APIResponse(responseCode = "404", description = "No delivery with this source and delivery id")
    public DeliveryView deliveryBySenderId(@QueryParam("source") String source,
                                           @QueryParam("deliveryId") String deliveryId) {
        if (source == null || deliveryId == null) {
            throw new ProblemException(Problem.invalid("source and deliveryId are required", java.util.List.of()));
        }
        return WebhookDeliveryEntity.findBySourceAndDeliveryId(source.toLowerCase(Locale.ROOT), deliveryId)
                .map(this::view)
                .orElseThrow(() -> notFound("No " + source + " delivery " + deliveryId));
    }

    @GET
    @Path("/decisions/{decisionId}/pushback")
    @Transactional
    @Operation(summary = "Whether a decision's owner was written back to the CRM")
    @APIResponse(responseCode = "200", description = "The push-back")
    @APIResponse(responseCode = "404", description = "No push-back for this decision")
    public PushbackView pushback(@PathParam("decisionId") UUID decisionId) {
        return PushbackEntity.findByDecisionId(decisionId).map(PushbackView::of)
                .orElseThrow(() -> notFound("Decision " + decisionId + " did not come from a webhook"));
    }

    private DeliveryView view(WebhookDeliveryEntity d) {
        PushbackView pushback = PushbackEntity.findByDecisionId(d.decisionId).map(PushbackView::of).orElse(null);
        return new DeliveryView(d.id, d.source, d.deliveryId, d.receivedAt, d.status, d.leadId, d.decisionId, pushback);
    }

    private static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "Not found", detail));
    }
}
