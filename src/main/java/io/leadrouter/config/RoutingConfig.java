package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the rules live and what happens to leads the rules cannot place. */
@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    /** Directory of {@code *.drl} files, searched recursively; relative paths are against the working directory. */
    @WithDefault("rules")
    String rulesDir();

    /** Directory of decision tables ({@code *.xlsx}, {@code *.xls}, {@code *.csv}), searched recursively. */
    @WithDefault("decision-tables")
    String decisionTablesDir();

    /**
     * Queue for a lead no rule assigned, whose pool has no eligible rep, or whose evaluation failed. Leads are never
     * dropped: they land here and the decision says why.
     */
    @WithDefault("Unassigned")
    String fallbackQueue();
}
