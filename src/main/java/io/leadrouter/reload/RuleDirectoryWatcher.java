package io.leadrouter.reload;

import io.leadrouter.config.ReloadConfig;
import io.leadrouter.engine.RuleSourceReader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the rules and decision-table directories, recursively, by polling each file's size and modification time.
 *
 * <p>Polling rather than {@link java.nio.file.WatchService}: WatchService registers one directory at a time (no
 * recursion), misses events on NFS/SMB shares and many container bind mounts, and delivers Excel's save dance (write a
 * temp file, rename, delete) as a burst anyway. A scan of a few hundred files every second costs next to nothing.
 * Editor and Excel temp and lock files are ignored. A change is acted on once the directories have been quiet for the
 * debounce interval; the reload itself reads the contents, so a touched but unchanged file creates no version.
 */
@ApplicationScoped
public class RuleDirectoryWatcher {

    private static final Logger LOG = Logger.getLogger(RuleDirectoryWatcher.class);

    private final ReloadConfig config;
    private final RuleFileStore files;
    private final RuleReloadService reloads;
    private ScheduledExecutorService scanner;

    private Map<String, String> lastSeen;
    /** When the directories last looked different from the scan before; 0 when nothing is pending. */
    private long changedAtNanos;

    public RuleDirectoryWatcher(ReloadConfig config, RuleFileStore files, RuleReloadService reloads) {
        this.config = config;
        this.files = files;
        this.reloads = reloads;
    }

    /** After the start-up compile, so the first scan is the baseline for what is already active. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 2000) StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Rule hot reload is disabled (routing.reload.enabled=false)");
            return;
        }
        lastSeen = scan();
        scanner = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rules-watch");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(10, config.pollInterval().toMillis());
        scanner.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
        LOG.infof("Watching %s for rule changes every %d ms", files.directories(), interval);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }

    private void poll() {
        try {
            Map<String, String> now = scan();
            if (!now.equals(lastSeen)) {
                lastSeen = now;
                changedAtNanos = System.nanoTime();
                return;
            }
            if (changedAtNanos != 0 && System.nanoTime() - changedAtNanos >= config.debounce().toNanos()) {
                changedAtNanos = 0;
                reloads.requestReload("file change");
            }
        } catch (RuntimeException e) {
            // A directory that vanishes mid-scan, a share that is briefly gone: try again next time.
            LOG.debugf(e, "Rule directory scan failed");
        }
    }

    /** Every rule file (no temp or lock files) with its size and modification time. */
    private Map<String, String> scan() {
        Map<String, String> seen = new TreeMap<>();
        for (Path dir : files.directories()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).filter(RuleSourceReader::isRuleFile).forEach(file -> {
                    try {
                        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                        seen.put(file.toAbsolutePath().toString(),
                                attributes.size() + "@" + attributes.lastModifiedTime());
                    } catch (IOException gone) {
                        seen.put(file.toAbsolutePath().toString(), "unreadable");
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                seen.put(dir.toString(), "unreadable " + Objects.toString(e.getMessage()));
            }
        }
        return seen;
    }
}
