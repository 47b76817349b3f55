package io.leadrouter.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Hot reload of the rule files: how the directories are watched and how large an uploaded file may be. */
@ConfigMapping(prefix = "routing.reload")
public interface ReloadConfig {

    /**
     * Watch the rules and decision-table directories and activate changes without a restart. When false, rules
     * change only through {@code POST /api/rules/reload}, uploads, deletes and rollbacks.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the directories are scanned (file names, sizes and modification times). Polling rather than
     * inotify-style events: it works the same on network shares and container bind mounts, which often deliver no
     * events at all.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long the files must stay unchanged before a compile starts. Excel and editors write a file in several
     * steps; compiling half a save would only record a failure.
     */
    @WithDefault("1s")
    Duration debounce();

    /** Largest rule file accepted by {@code PUT /api/rules/files/{path}}; larger uploads answer 413. */
    @WithDefault("5M")
    MemorySize maxFileSize();
}
