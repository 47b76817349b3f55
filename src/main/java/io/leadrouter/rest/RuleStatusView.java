package io.leadrouter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.leadrouter.reload.ReloadAttempt;

/**
 * What is serving and how the latest change went.
 *
 * @param active        the version serving now
 * @param lastAttempt   the latest compile attempt; on failure it lists every error while {@code active} keeps serving
 * @param watching      whether the rule directories are watched for changes
 * @param cluster       the cluster's active version (newest row in the shared database) and whether this instance is
 *                      behind it; absent when the instance does not follow a cluster ({@code routing.cluster.enabled=false})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleStatusView(RuleVersionView active, ReloadAttempt lastAttempt, boolean watching, Cluster cluster) {

    public RuleStatusView(RuleVersionView active, ReloadAttempt lastAttempt, boolean watching) {
        this(active, lastAttempt, watching, null);
    }

    /**
     * @param activeVersion the cluster's active version id, null before the first read
     * @param serving       the version id this instance serves
     * @param behind        true while this instance serves another version than the cluster's
     * @param failedHere    true when the cluster's version did not compile on this instance (see lastAttempt)
     */
    public record Cluster(@Schema(nullable = true) String activeVersion, String serving, boolean behind, boolean failedHere) {
    }
}
