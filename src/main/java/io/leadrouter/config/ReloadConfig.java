package io.leadrouter.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * Hot reload of the rule files: how the directories are watched, how large an uploaded file may be, and at which OS
 * priority changes are compiled.
 */
@ConfigMapping(prefix = "routing.reload")
public interface ReloadConfig {

    /** Default of {@link #compileThreadNice()}; the benchmarks' reload thread uses it too. */
    String DEFAULT_COMPILE_THREAD_NICE = "10";

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

    /**
     * OS nice value (0–19) of the thread that compiles rule changes, so that a reload takes CPU only when routing
     * leaves some: at 10, the compile gets about a tenth of a core that routing also wants, and all the CPU when the
     * service is idle. Above 0, Drools builds the rules on that thread only instead of on its own pool, which runs at
     * normal priority. Linux only (the thread renices itself with {@code renice}, no privilege needed); elsewhere, or
     * without {@code renice}, compiles run at normal priority and a warning is logged once. 0 restores the previous
     * behaviour: normal priority, Drools' parallel rule build. The start-up compile always runs at normal priority.
     */
    @WithDefault(DEFAULT_COMPILE_THREAD_NICE)
    @Min(0)
    @Max(19)
    int compileThreadNice();
}
