package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Several instances on one database: the newest row of {@code rule_version} is the cluster's active rule set, and
 * every instance follows it.
 */
@ConfigMapping(prefix = "routing.cluster")
public interface ClusterConfig {

    /**
     * Follow the database's active rule version: at start-up adopt it instead of recording the disk files as a new
     * version (so an instance from an older image does not roll the cluster back), and poll for versions other
     * instances published. When false, every instance serves what it compiled itself (a single instance, tests).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the newest rule version row and the roster and holiday change versions ({@code cluster_change}) are
     * read; another instance's rule upload serves here within about this long plus the compile, its roster or holiday
     * edit applies to the next lead after it.
     */
    @WithDefault("2s")
    Duration pollInterval();
}
