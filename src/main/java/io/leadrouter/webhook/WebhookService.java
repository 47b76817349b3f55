package io.leadrouter.webhook;

import io.leadrouter.config.WebhookConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.decision.Decision;
import io.leadrouter.decisionlog.DecisionLog;
import io.leadrouter.routing.RoutingService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Routes webhook deliveries exactly once per delivery id. The rules are evaluated first, outside any transaction (no
 * database connection is held while they run); then the inbox row, the decision (with whatever routing advances,
 * such as assignment counts) and the push-back are written in one transaction: a delivery is either unknown or fully
 * routed. A retry finds the stored row and answers the stored decision. Concurrent retries collide on the inbox's
 * unique key; the losers roll back (routing nothing) and answer the winner's decision once it has committed.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    /** How often a delivery that collided with a concurrent one re-reads before giving up with a 503. */
    private static final int MAX_COLLISIONS = 60;
    private static final long COLLISION_WAIT_MILLIS = 100;

    private final RoutingService routing;
    private final DecisionLog decisions;
    private final WebhookInbox inbox;
    private final WebhookConfig config;
    private final WebhookMetrics metrics;

    public WebhookService(RoutingService routing, DecisionLog decisions, WebhookInbox inbox, WebhookConfig config,
                          WebhookMetrics metrics) {
        this.metrics = metrics;
        this.routing = routing;
        this.decisions = decisions;
        this.inbox = inbox;
        this.config = config;
    }

    /** The stored receipt of a delivery routed before, without assembling its lead. */
    public Optional<WebhookReceipt> findRouted(WebhookSource source, String deliveryId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> inbox.find(source, deliveryId).map(this::replay));
        } catch (RuntimeException e) {
            throw StorageFailures.isDatabaseFailure(e) ? StorageFailures.unavailable(e) : e;
        }
    }

    /**
     * Routes the delivery, or answers its stored decision if it was routed before.
     *
     * @param lead assembles the lead; called at most once, and only if the delivery is new (it may call the CRM)
     * @throws io.leadrouter.problem.ProblemException 503 when the database cannot store the decision
     */
    public WebhookReceipt receive(InboundDelivery delivery, Supplier<Lead> lead) {
        WebhookReceipt receipt = receiveOnce(delivery, lead);
        metrics.delivery(delivery.source(), receipt.duplicate());
        return receipt;
    }

    private WebhookReceipt receiveOnce(InboundDelivery delivery, Supplier<Lead> lead) {
        Lead assembled = null;
        for (int attempt = 0; attempt < MAX_COLLISIONS; attempt++) {
            Optional<WebhookReceipt> stored = findRouted(delivery.source(), delivery.deliveryId());
            if (stored.isPresent()) {
                checkSameBody(delivery);
                return stored.get();
            }
            if (assembled == null) {
                assembled = lead.get();
            }
            // The rules run here, before the transaction: no database connection is held while they do, whatever
            // they do (a rule that blocks would otherwise keep a connection for up to the evaluation budget).
            RoutingService.Evaluated evaluated = evaluate(assembled);
            try {
                return QuarkusTransaction.requiringNew().call(() -> routeAndStore(delivery, evaluated));
            } catch (RuntimeException e) {
                if (StorageFailures.isCollision(e)) {
                    LOG.debugf("Delivery %s/%s collided with a concurrent one; re-reading", delivery.source().key(),
                            delivery.deliveryId());
                    sleep();
                    continue;
                }
                if (StorageFailures.isDatabaseFailure(e)) {
                    throw StorageFailures.unavailable(e);
                }
                throw e;
            }
        }
        throw StorageFailures.unavailable("Delivery " + delivery.deliveryId()
                + " is still being routed by a concurrent request; retry shortly");
    }

    /**
     * A retry carries the body of its first delivery. A different body under the same delivery id is a sender bug or
     * a replay with altered data: answered 409 naming the id (nothing routed), counted, never silently a duplicate.
     */
    private void checkSameBody(InboundDelivery delivery) {
        String first = QuarkusTransaction.requiringNew().call(() -> inbox.find(delivery.source(), delivery.deliveryId())
                .map(row -> row.rawBody).orElse(null));
        if (first != null && !first.equals(delivery.rawBody())) {
            metrics.conflict(delivery.source());
            throw new io.leadrouter.problem.ProblemException(io.leadrouter.problem.Problem.of(
                    jakarta.ws.rs.core.Response.Status.CONFLICT, "delivery-id-reused", "Delivery id reused",
                    "Delivery " + delivery.deliveryId() + " was received before with a different body; nothing was "
                            + "routed. Send changed data under a new delivery id"));
        }
    }

    private RoutingService.Evaluated evaluate(Lead lead) {
        try {
            return routing.evaluate(lead);
        } catch (RuntimeException e) {
            // The roster read before the rules can fail like any other read: a 503 the sender retries.
            throw StorageFailures.isDatabaseFailure(e) ? StorageFailures.unavailable(e) : e;
        }
    }

    private WebhookReceipt routeAndStore(InboundDelivery delivery, RoutingService.Evaluated evaluated) {
        Lead lead = evaluated.lead();
        Instant now = Instant.now();
        WebhookDeliveryEntity row = new WebhookDeliveryEntity();
        row.id = UUID.randomUUID();
        row.source = delivery.source().key();
        row.deliveryId = delivery.deliveryId();
        row.receivedAt = now;
        // The column holds 200 characters; a longer header must not turn into a 503 the sender retries forever.
        row.contentType = delivery.contentType() == null || delivery.contentType().length() <= 200
                ? delivery.contentType() : delivery.contentType().substring(0, 200);
        row.rawBody = delivery.rawBody();
        row.status = WebhookDeliveryEntity.ROUTED;
        row.leadId = lead.getId();
        inbox.claim(row);

        Decision decision = routing.record(evaluated);
        row.decisionId = decision.decisionId();

        inbox.recordPushback(plannedPushback(delivery, row.id, lead, decision, now));
        LOG.infof("Webhook %s delivery %s stored as %s with decision %s", row.source, row.deliveryId, row.id,
                decision.decisionId());
        return new WebhookReceipt(row.id, row.source, row.deliveryId, false, decision);
    }

    private WebhookReceipt replay(WebhookDeliveryEntity row) {
        Decision stored = decisions.find(row.decisionId).orElseThrow(() -> new IllegalStateException(
                "Delivery " + row.id + " refers to decision " + row.decisionId + ", which is not in the log"));
        // The same shape as the first answer: the lead snapshot stays in the decision log.
        return new WebhookReceipt(row.id, row.source, row.deliveryId, true, stored.withoutLead());
    }

    /** What to write back to the CRM, or a skipped push-back saying why nothing will be. */
    PushbackEntity plannedPushback(InboundDelivery delivery, UUID deliveryRowId, Lead lead, Decision decision,
                                   Instant now) {
        PushbackEntity pushback = new PushbackEntity();
        pushback.id = UUID.randomUUID();
        pushback.deliveryId = deliveryRowId;
        pushback.decisionId = decision.decisionId();
        pushback.target = delivery.source().key();
        pushback.crmRecordId = lead.getId();
        pushback.createdAt = now;
        pushback.updatedAt = now;
        String repId = decision.assignee() == null ? null : decision.assignee().id();
        // Nobody to write back: a queue, or a hold (the pool's policy) whose reason the decision already gives.
        String noOwner = decision.hold() != null ? "held (" + decision.hold().reason() + "): no owner to write back"
                : "routed to queue " + decision.queue() + ": no owner to write back";
        String skipped = switch (delivery.source()) {
            case GENERIC -> config.generic().callbackUrl().isEmpty()
                    ? "no callback URL configured (routing.webhooks.generic.callback-url)" : null;
            case HUBSPOT -> repId == null ? noOwner
                    : config.hubspot().accessToken().isEmpty()
                    ? "no HubSpot access token configured (routing.webhooks.hubspot.access-token)" : null;
            case SALESFORCE -> repId == null ? noOwner
                    : config.salesforce().instanceUrl().isEmpty() || config.salesforce().accessToken().isEmpty()
                    ? "no Salesforce instance URL or access token configured" : null;
        };
        pushback.ownerId = repId == null ? null : ownerId(delivery.source(), repId);
        if (skipped == null && pushback.ownerId != null && pushback.ownerId.equals(lead.getExistingOwnerId())) {
            skipped = "the CRM record is already owned by " + pushback.ownerId;
        }
        if (skipped != null) {
            pushback.status = PushbackEntity.SKIPPED;
            pushback.lastError = skipped;
        } else {
            pushback.status = PushbackEntity.PENDING;
            pushback.nextAttemptAt = now;
        }
        return pushback;
    }

    /** The CRM's owner id for a rep: the configured mapping, else the rep id itself. */
    String ownerId(WebhookSource source, String repId) {
        Map<String, String> mapping = switch (source) {
            case HUBSPOT -> config.hubspot().ownerIds();
            case SALESFORCE -> config.salesforce().ownerIds();
            case GENERIC -> Map.of();
        };
        return mapping.getOrDefault(repId, repId);
    }

    private static void sleep() {
        try {
            Thread.sleep(COLLISION_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StorageFailures.unavailable("Interrupted while waiting for a concurrent delivery");
        }
    }
}
