package io.leadrouter.reload;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while this instance has not yet adopted the cluster's active rule version, so a load balancer sends no
 * lead to an instance that would route it by other rules. A version that failed to compile here keeps the instance
 * ready on its last good version (reported as {@code failedHere}): one broken upload must not take every instance out
 * of the load balancer at once. UP with {@code enabled=false} when the instance does not follow a cluster.
 */
@Readiness
@ApplicationScoped
public class ClusterHealthCheck implements HealthCheck {

    private final RuleReloadService reloads;

    public ClusterHealthCheck(RuleReloadService reloads) {
        this.reloads = reloads;
    }

    @Override
    public HealthCheckResponse call() {
        if (!reloads.followsCluster()) {
            return HealthCheckResponse.named("cluster").up().withData("enabled", false).build();
        }
        try {
            reloads.readClusterVersion();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("cluster").down()
                    .withData("reason", "cannot read the cluster's active rule version: " + e.getMessage()).build();
        }
        String clusterActive = reloads.clusterVersionId();
        String serving = reloads.servingVersionId();
        boolean failedHere = reloads.clusterVersionFailedHere();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cluster")
                .withData("enabled", true)
                .withData("serving", serving == null ? "none" : serving)
                .withData("clusterActive", clusterActive == null ? "none" : clusterActive)
                .withData("failedHere", failedHere);
        if (reloads.behindCluster() && !failedHere) {
            return response.down().withData("reason", "the cluster's active rule version is not serving here yet")
                    .build();
        }
        return response.up().build();
    }
}
