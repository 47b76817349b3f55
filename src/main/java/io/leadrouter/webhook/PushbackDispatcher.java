package io.leadrouter.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadrouter.config.WebhookConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends due push-backs from the outbox, on the scheduler: claim (optimistic lock, so one instance sends each attempt),
 * call the CRM outside any transaction, record the outcome. A failure is retried after {@code initial-backoff},
 * doubled each time up to {@code max-backoff}, until {@code max-attempts}; a 4xx other than 408, 409 and 429 is
 * permanent (the CRM refused the owner or our token) and fails at once.
 *
 * <p>On a clean stop no new claim is taken; a push-back being sent gets {@code stop-wait} to finish, then its claim is
 * given back (due now, the attempt not counted), so another instance sends it at its next poll instead of after the
 * lease. An outcome that arrives after the claim was given back is not recorded: the row is another instance's now.
 */
@ApplicationScoped
public class PushbackDispatcher {

    private static final Logger LOG = Logger.getLogger(PushbackDispatcher.class);
    private static final int BATCH = 50;

    private final WebhookConfig config;
    private final CrmClients clients;
    private final ObjectMapper json;
    private final WebhookMetrics metrics;
    /** Claims this instance holds: push-back id → the row version its claim wrote. */
    private final Map<UUID, Integer> held = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public PushbackDispatcher(WebhookConfig config, CrmClients clients, ObjectMapper json, WebhookMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.clients = clients;
        this.json = json;
    }

    @Scheduled(identity = "pushback-outbox", every = "${routing.webhooks.pushback.poll-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        if (stopping) {
            return;
        }
        List<UUID> due;
        try {
            due = QuarkusTransaction.requiringNew().call(() -> {
                metrics.backlog(PushbackEntity.count("status", PushbackEntity.PENDING));
                return PushbackEntity.due(Instant.now(), BATCH).stream().map(p -> p.id).toList();
            });
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read the push-back outbox: %s", e.getMessage());
            return;
        }
        for (UUID id : due) {
            if (stopping) {
                return;
            }
            dispatch(id);
        }
    }

    /** One attempt at one push-back, if it is still due and no other instance claimed it. */
    void dispatch(UUID id) {
        PushbackEntity claimed;
        try {
            claimed = QuarkusTransaction.requiringNew().call(() -> claim(id));
        } catch (RuntimeException e) {
            LOG.debugf("Push-back %s claimed elsewhere or unreadable: %s", id, e.getMessage());
            return;
        }
        if (claimed == null) {
            return;
        }
        held.put(id, claimed.version);
        if (stopping) {
            release(id);
            return;
        }
        String error = null;
        boolean permanent = false;
        try {
            send(claimed);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            error = claimed.target + " answered HTTP " + status;
            permanent = status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
        } catch (ProcessingException e) {
            error = claimed.target + " unreachable: " + rootMessage(e);
        } catch (RuntimeException e) {
            error = "unexpected " + e.getClass().getSimpleName() + ": " + rootMessage(e);
            LOG.errorf(e, "Push-back %s failed unexpectedly", id);
        }
        String outcome = error;
        boolean giveUp = permanent;
        Integer claim = held.remove(id);
        if (claim == null) {
            LOG.infof("Push-back %s finished after its claim was given back at stop; its outcome is not recorded", id);
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> record(id, claim, outcome, giveUp));
        } catch (RuntimeException e) {
            // The lease expires and the push-back is retried; the CRM call is idempotent (same owner).
            LOG.warnf("Cannot record the outcome of push-back %s: %s", id, e.getMessage());
        }
    }

    /**
     * A clean stop: no new claims; a send in progress may finish within {@code stop-wait}, then every claim still held
     * is given back. Runs before the datasource closes (shutdown observers run while beans are alive).
     */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
        long deadline = System.nanoTime() + config.pushback().stopWait().toNanos();
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        held.keySet().forEach(this::release);
    }

    /**
     * Gives a claim back: due now, the attempt not counted, only if the row is still as this instance's claim left it
     * (its version), so a row another instance took meanwhile is left alone.
     */
    private void release(UUID id) {
        Integer claim = held.remove(id);
        if (claim == null) {
            return;
        }
        try {
            int released = QuarkusTransaction.requiringNew().call(() -> PushbackEntity.update(
                    "nextAttemptAt = ?1, attempts = attempts - 1, updatedAt = ?1, version = version + 1"
                            + " where id = ?2 and version = ?3 and status = ?4",
                    Instant.now(), id, claim, PushbackEntity.PENDING));
            if (released == 1) {
                LOG.infof("Push-back %s: claim given back at stop, another instance sends it", id);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot give back the claim on push-back %s at stop (it waits for its lease): %s", id,
                    e.getMessage());
        }
    }

    private PushbackEntity claim(UUID id) {
        PushbackEntity pushback = PushbackEntity.findById(id);
        Instant now = Instant.now();
        if (pushback == null || !PushbackEntity.PENDING.equals(pushback.status) || pushback.nextAttemptAt.isAfter(now)) {
            return null;
        }
        pushback.attempts++;
        pushback.nextAttemptAt = now.plus(config.pushback().lease());
        pushback.updatedAt = now;
        return pushback;
    }

    private void record(UUID id, int claim, String error, boolean permanent) {
        PushbackEntity pushback = PushbackEntity.findById(id);
        if (pushback == null || pushback.version != claim) {
            LOG.warnf("Push-back %s changed since this instance claimed it; its outcome is not recorded", id);
            return;
        }
        Instant now = Instant.now();
        pushback.updatedAt = now;
        if (error == null) {
            pushback.status = PushbackEntity.DELIVERED;
            pushback.deliveredAt = now;
            pushback.nextAttemptAt = null;
            pushback.lastError = null;
            metrics.pushbackAttempt("delivered");
            LOG.infof("Push-back %s delivered to %s after %d attempt(s)", id, pushback.target, pushback.attempts);
            return;
        }
        pushback.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
        if (permanent || pushback.attempts >= config.pushback().maxAttempts()) {
            pushback.status = PushbackEntity.FAILED;
            pushback.nextAttemptAt = null;
            metrics.pushbackAttempt("failed");
            LOG.warnf("Push-back %s to %s failed for good after %d attempt(s): %s", id, pushback.target,
                    pushback.attempts, error);
        } else {
            pushback.nextAttemptAt = now.plus(backoff(pushback.attempts));
            metrics.pushbackAttempt("retry");
            LOG.infof("Push-back %s to %s failed (attempt %d), next at %s: %s", id, pushback.target,
                    pushback.attempts, pushback.nextAttemptAt, error);
        }
    }

    /** The wait after the given number of failed attempts: initial × 2^(attempts-1), capped. */
    Duration backoff(int failedAttempts) {
        Duration initial = config.pushback().initialBackoff();
        Duration max = config.pushback().maxBackoff();
        Duration wait = initial.multipliedBy(1L << Math.min(Math.max(failedAttempts - 1, 0), 30));
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }

    private void send(PushbackEntity pushback) {
        switch (WebhookSource.valueOf(pushback.target.toUpperCase(java.util.Locale.ROOT))) {
            case HUBSPOT -> {
                ObjectNode body = json.createObjectNode();
                body.putObject("properties").put("hubspot_owner_id", pushback.ownerId);
                clients.hubSpot().updateContact(pushback.crmRecordId, body,
                        "Bearer " + config.hubspot().accessToken().orElseThrow());
            }
            case SALESFORCE -> {
                ObjectNode body = json.createObjectNode().put("OwnerId", pushback.ownerId);
                try (Response ignored = clients.salesforce().updateLead(config.salesforce().apiVersion(),
                        pushback.crmRecordId, body, "Bearer " + config.salesforce().accessToken().orElseThrow())) {
                    // 204: done.
                }
            }
            case GENERIC -> {
                ObjectNode body = json.createObjectNode()
                        .put("decisionId", pushback.decisionId.toString())
                        .put("leadId", pushback.crmRecordId)
                        .put("ownerId", pushback.ownerId);
                String payload = body.toString();
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                String signature = "sha256=" + HexFormat.of().formatHex(SignatureVerifier.genericSignature(
                        config.generic().secret().orElse(""), timestamp, payload.getBytes(StandardCharsets.UTF_8)));
                try (Response ignored = clients.genericCallback().post(payload, timestamp, signature)) {
                    // 2xx: done.
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
