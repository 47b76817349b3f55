package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Batch routing ({@code POST /api/route/batch}). */
@ConfigMapping(prefix = "routing.batch")
public interface BatchConfig {

    /**
     * Rows of one batch routed at once (the request's own thread plus pool threads that every batch of the instance
     * shares), like that many clients sending one lead each; the pool locks in the database keep the distribution
     * exact whatever the number. Each holds a database connection while it places a row.
     */
    @WithDefault("8")
    @Min(1)
    @Max(64)
    int workers();
}
