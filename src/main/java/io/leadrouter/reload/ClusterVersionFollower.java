package io.leadrouter.reload;

import io.leadrouter.config.ClusterConfig;
import io.leadrouter.persistence.ClusterChanges;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the newest {@code rule_version} row and lets {@link RuleReloadService} adopt versions other instances
 * published, then the change channel's versions ({@link ClusterChanges}: roster, holidays). Two indexed reads every
 * poll interval; works the same on H2 and PostgreSQL (see docs/cluster.md for why polling rather than
 * LISTEN/NOTIFY for now).
 */
@ApplicationScoped
public class ClusterVersionFollower {

    private static final Logger LOG = Logger.getLogger(ClusterVersionFollower.class);

    private final RuleReloadService reloads;
    private final ClusterChanges changes;
    private final ClusterConfig config;
    private ScheduledExecutorService poller;

    public ClusterVersionFollower(RuleReloadService reloads, ClusterChanges changes, ClusterConfig config) {
        this.reloads = reloads;
        this.changes = changes;
        this.config = config;
    }

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 2000) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rule-cluster-follower");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, config.pollInterval().toMillis());
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            reloads.followCluster();
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the cluster's active rule version: %s", e.getMessage());
        }
        try {
            changes.poll();
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the cluster's roster and holiday versions: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
