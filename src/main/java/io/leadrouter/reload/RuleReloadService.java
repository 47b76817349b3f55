package io.leadrouter.reload;

import io.leadrouter.backtest.CandidateChecks;
import io.leadrouter.config.ClusterConfig;
import io.leadrouter.config.ReloadConfig;
import io.leadrouter.engine.ActiveRules;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.RuleCompilationException;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.RuleError;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceReader;
import io.leadrouter.engine.RuleSourceSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Changes the active rule version at runtime: reloads from disk, uploads, deletes and rollbacks. Every change is
 * compiled on one dedicated background thread ({@link CompileThread}, at a lower OS priority by default), one at a
 * time, so a big decision table never competes with itself and never runs on a request thread's clock; routing keeps
 * serving the current version meanwhile. A change that does
 * not compile leaves the active version (and, for uploads and rollbacks, the disk) untouched.
 */
@ApplicationScoped
public class RuleReloadService {

    private static final Logger LOG = Logger.getLogger(RuleReloadService.class);
    /** Metric and attempt kind of a reload the directory watcher asked for. */
    private static final String WATCH = "watch";

    /** What an operation left active, and whether it activated a new version. */
    public record Result(ActiveRules active, boolean changed) {
    }

    private final RuleEngine engine;
    private final RuleFileStore files;
    private final RuleHistory history;
    private final CandidateChecks checks;
    private final MeterRegistry meters;
    private final Timer compileTimer;
    /** The compile thread's nice value; above 0, Drools also builds on that thread only (see {@link ReloadConfig}). */
    private final int compileThreadNice;
    private final ExecutorService compileThread;
    /** True while a watcher-triggered reload waits in the queue: later changes join it instead of queueing more. */
    private final AtomicBoolean watchReloadQueued = new AtomicBoolean();
    private volatile ReloadAttempt lastAttempt;
    private final boolean clusterEnabled;
    /** The cluster's active version as last read from the database (sequence and hash); null before the first read. */
    private volatile RuleHistory.Published clusterVersion;
    /** Sequence of a cluster version that failed to compile here: not retried until a newer one is published. */
    private volatile long failedClusterSequence;

    public RuleReloadService(RuleEngine engine, RuleFileStore files, RuleHistory history, CandidateChecks checks,
                             MeterRegistry meters, ReloadConfig config, ClusterConfig cluster) {
        this.clusterEnabled = cluster.enabled();
        this.checks = checks;
        this.compileThreadNice = config.compileThreadNice();
        this.compileThread = Executors.newSingleThreadExecutor(CompileThread.factory(compileThreadNice));
        this.engine = engine;
        this.files = files;
        this.history = history;
        this.meters = meters;
        this.compileTimer = Timer.builder("rules.compile").description("Time to compile a rule set").register(meters);
        Gauge.builder("rules.active.count", this, RuleReloadService::activeRuleCount)
                .description("Rules in the active version").register(meters);
    }

    /** Before the engine's start-up compile: continue the version numbers recorded before this start. */
    void continueNumbering(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event) {
        engine.continueSequenceAfter(history.lastSequence());
    }

    /** After the engine's start-up compile: the start-up version goes into the history like any other. */
    void recordStartupVersion(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        ActiveRules active = engine.active();
        // The start-up version passes the same checks as any change; with nothing older to serve, failing ones stop
        // start-up like a compile error does, every failure listed.
        checks.verify(active.rules(), false);
        if (clusterEnabled && adoptAtStartup(active)) {
            return;
        }
        try {
            history.record(active);
        } catch (RuntimeException e) {
            // Serving matters more than the history entry; a later change is recorded as usual.
            LOG.errorf(e, "Rules %s active but not recorded in the version history", active.version().id());
        }
        count("startup", ReloadAttempt.SUCCESS);
        compileTimer.record(active.rules().compileTime());
        lastAttempt = new ReloadAttempt(ReloadAttempt.SUCCESS, active.version().activatedAt(), "startup",
                active.version().id(), active.rules().compileTime().toMillis(), List.of());
    }

    void stop(@Observes ShutdownEvent event) {
        compileThread.shutdownNow();
    }

    /**
     * The latest attempt, with the rules of the version it left active that ran past the evaluation budget or were
     * refused a call at run time.
     */
    public ReloadAttempt lastAttempt() {
        ReloadAttempt attempt = lastAttempt;
        if (attempt == null) {
            return null;
        }
        ActiveRules active = engine.active();
        if (!active.version().id().equals(attempt.versionId())) {
            return attempt;
        }
        List<RuleError> faults = new ArrayList<>(active.rules().timeouts());
        faults.addAll(active.rules().refusals());
        return faults.isEmpty() ? attempt : attempt.withWarnings(faults);
    }

    /**
     * Queues a reload from disk and returns at once. While one is queued, further requests join it: it reads the disk
     * when it starts, so it compiles the newest state and the intermediate ones are never compiled.
     */
    public void requestReload(String trigger) {
        if (watchReloadQueued.compareAndSet(false, true)) {
            compileThread.submit(() -> {
                watchReloadQueued.set(false);
                try {
                    apply(trigger, WATCH, files.readDisk(), () -> { }, false);
                } catch (RuleCompilationException e) {
                    LOG.warnf("Rule change not activated, %s still serving: %s", engine.active().version().id(), e.getMessage());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Rule reload failed");
                }
            });
        }
    }

    /** Compiles the files on disk and activates them. @throws RuleCompilationException when they do not compile */
    public Result reload(String trigger) {
        return reload(trigger, false);
    }

    /** @param force activate even if rule tests (or blocking lint checks) fail; the version's trigger says so */
    public Result reload(String trigger, boolean force) {
        return onCompileThread(() -> apply(trigger, "reload", files.readDisk(), () -> { }, force));
    }

    /** Compiles the disk files plus {@code content} as {@code apiPath}; only if that compiles, writes it and activates. */
    public Result upload(String apiPath, byte[] content) {
        return upload(apiPath, content, false);
    }

    /** @param force activate even if rule tests (or blocking lint checks) fail; the version's trigger says so */
    public Result upload(String apiPath, byte[] content, boolean force) {
        RuleFileStore.RuleFile file = files.resolve(apiPath);
        files.checkSize(content.length);
        if (isTestCase(file)) {
            return onCompileThread(() -> uploadTestCases(apiPath, file, content, force));
        }
        return onCompileThread(() -> apply("upload " + apiPath, "upload",
                RuleFileStore.with(files.readDisk(), file, content), () -> files.write(file, content), force));
    }

    private boolean isTestCase(RuleFileStore.RuleFile file) {
        return files.directories().stream().anyMatch(dir -> file.file().toAbsolutePath().normalize()
                .startsWith(dir.toAbsolutePath().normalize()) && RuleSourceReader.isTestCase(
                dir.toAbsolutePath().normalize(), file.file().toAbsolutePath().normalize()));
    }

    /**
     * A rule-test file ({@code rules/tests/…}) is not a rule: the active rules must pass every case with it in place.
     * It is written, the checks run on the active rules, and on a failing or unreadable case the previous file is put
     * back (or the new one removed) and the located 422 is thrown, unless forced. The active version does not change.
     */
    private Result uploadTestCases(String apiPath, RuleFileStore.RuleFile file, byte[] content, boolean force) {
        byte[] previous;
        try {
            previous = java.nio.file.Files.exists(file.file()) ? java.nio.file.Files.readAllBytes(file.file()) : null;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        files.write(file, content);
        ActiveRules current = engine.active();
        try {
            checks.verify(current.rules(), force);
        } catch (RuleCompilationException e) {
            if (previous == null) {
                files.delete(file);
            } else {
                files.write(file, previous);
            }
            lastAttempt = new ReloadAttempt(ReloadAttempt.FAILURE, Instant.now(), "upload " + apiPath,
                    current.version().id(), null, e.errors());
            count("upload", ReloadAttempt.FAILURE);
            throw e;
        }
        lastAttempt = new ReloadAttempt(ReloadAttempt.UNCHANGED, Instant.now(), "upload " + apiPath,
                current.version().id(), null, List.of());
        count("upload", ReloadAttempt.SUCCESS);
        return new Result(current, false);
    }

    /**
     * Compiles the disk files without {@code apiPath}; only if that compiles, deletes it and activates. A rule-test
     * file is not compiled: it is removed, stops gating at once, and the active version stays (test files are not part
     * of a version's content).
     */
    public Result delete(String apiPath) {
        RuleFileStore.RuleFile file = files.resolve(apiPath);
        if (isTestCase(file)) {
            return onCompileThread(() -> deleteTestCases(apiPath, file));
        }
        return onCompileThread(() -> {
            RuleSourceSet disk = files.readDisk();
            if (disk.sources().stream().noneMatch(s -> s.path().equals(file.sourcePath()))) {
                throw new RuleFileRejectedException(RuleFileRejectedException.Reason.NOT_FOUND, "no rule file " + apiPath);
            }
            return apply("delete " + apiPath, "delete", RuleFileStore.without(disk, file), () -> files.delete(file), false);
        });
    }

    private Result deleteTestCases(String apiPath, RuleFileStore.RuleFile file) {
        if (!java.nio.file.Files.isRegularFile(file.file())) {
            throw new RuleFileRejectedException(RuleFileRejectedException.Reason.NOT_FOUND, "no rule test file " + apiPath);
        }
        ActiveRules current = engine.active();
        commit(() -> files.delete(file), "delete " + apiPath, "delete", current);
        lastAttempt = new ReloadAttempt(ReloadAttempt.UNCHANGED, Instant.now(), "delete " + apiPath,
                current.version().id(), null, List.of());
        count("delete", ReloadAttempt.SUCCESS);
        return new Result(current, false);
    }

    /**
     * Compiles a recorded version's files; if they compile, writes them back to disk (removing files the version did
     * not have) so disk and memory agree, and activates them under a new sequence number.
     */
    public Result rollback(long sequence) {
        return rollback(sequence, false);
    }

    /** @param force activate even if rule tests (or blocking lint checks) fail; the version's trigger says so */
    public Result rollback(long sequence, boolean force) {
        return onCompileThread(() -> {
            var recorded = history.contents(sequence).orElseThrow(() -> new RuleFileRejectedException(
                    RuleFileRejectedException.Reason.NOT_FOUND, "no rule version " + sequence));
            Map<String, byte[]> contents = recorded.getValue();
            RuleSourceSet candidate = new RuleSourceSet(contents.entrySet().stream()
                    .map(f -> new RuleSource(files.resolve(f.getKey()).sourcePath(), f.getValue()))
                    .toList());
            return apply("rollback to v" + sequence, "rollback", candidate, () -> files.restore(contents), force);
        });
    }

    /**
     * Compiles and activates {@code candidate} unless it has the active content; {@code commit} runs (writes the disk)
     * only once the candidate is known to compile. Runs on the compile thread only.
     */
    private Result apply(String trigger, String kind, RuleSourceSet candidate, Runnable commit, boolean force) {
        ActiveRules current = engine.active();
        if (candidate.contentHash().equals(current.version().contentHash())) {
            commit(commit, trigger, kind, current);
            // The watcher also sees the files an upload, delete or rollback just wrote (a refused upload restores the
            // old file): finding the active content again says nothing new. After a failure the watcher itself
            // reported, it does: the bad edit on disk was reverted.
            ReloadAttempt last = lastAttempt;
            boolean revertedOnDisk = last != null && ReloadAttempt.FAILURE.equals(last.outcome())
                    && trigger.equals(last.trigger());
            boolean echo = WATCH.equals(kind) && last != null && !revertedOnDisk;
            if (!echo) {
                lastAttempt = new ReloadAttempt(ReloadAttempt.UNCHANGED, Instant.now(), trigger, current.version().id(),
                        null, List.of());
                count(kind, ReloadAttempt.SUCCESS); // metrics know success and failure only
            }
            return new Result(current, false);
        }
        CompiledRules compiled;
        long started = System.nanoTime();
        try {
            // A parallel build would run most of the work on Drools' pool, at normal priority.
            compiled = engine.compile(candidate, compileThreadNice == 0);
            // Between compile and activate: rule tests and lint; a failing check throws like a compile error.
            CandidateChecks.Verdict verdict = checks.verify(compiled, force);
            if (verdict.forced()) {
                trigger = trigger + verdict.forcedNote();
            }
        } catch (RuleCompilationException e) {
            compileTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            lastAttempt = new ReloadAttempt(ReloadAttempt.FAILURE, Instant.now(), trigger, current.version().id(),
                    (System.nanoTime() - started) / 1_000_000, e.errors());
            count(kind, ReloadAttempt.FAILURE);
            throw e;
        }
        compileTimer.record(compiled.compileTime());
        commit(commit, trigger, kind, current);
        if (clusterEnabled) {
            // Another instance may have published versions since: the new one is numbered after the newest row.
            try {
                engine.continueSequenceAfter(history.lastSequence());
            } catch (RuntimeException e) {
                LOG.warnf("Could not read the newest rule version number: %s", e.getMessage());
            }
        }
        ActiveRules next = engine.activate(compiled, trigger);
        lastAttempt = new ReloadAttempt(ReloadAttempt.SUCCESS, Instant.now(), trigger, next.version().id(),
                compiled.compileTime().toMillis(), List.of());
        count(kind, ReloadAttempt.SUCCESS);
        LOG.infof("Rules %s active (%s): %d rules from %d files, compiled in %d ms", next.version().id(), trigger,
                compiled.ruleCount(), candidate.sources().size(), compiled.compileTime().toMillis());
        try {
            history.record(next);
            clusterVersion = new RuleHistory.Published(next.version().sequence(), next.version().contentHash(),
                    next.version().id());
        } catch (RuntimeException e) {
            // The version serves either way; only its rollback entry is missing. In a cluster the follower then
            // adopts whichever version the database holds as newest, so the instances converge.
            LOG.errorf(e, "Rules %s active but not recorded in the version history", next.version().id());
        }
        return new Result(next, true);
    }

    /**
     * Start-up in a cluster: when the disk files are a version the database already knows (this image is as old as,
     * or older than, the cluster's rules), serve the cluster's active version instead (same id as every other
     * instance). Returns false when the disk holds content never published (a new image: it is published as usual)
     * or the database holds no version yet (the first instance).
     */
    private boolean adoptAtStartup(ActiveRules fromDisk) {
        RuleHistory.Published newest;
        try {
            newest = history.newest().orElse(null);
            if (newest == null || !history.knowsContent(fromDisk.version().contentHash())) {
                return false;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not read the cluster's active rule version; serving the disk files");
            return false;
        }
        clusterVersion = newest;
        try {
            adopt(newest, fromDisk, "startup: cluster version");
        } catch (RuntimeException e) {
            failedClusterSequence = newest.sequence();
            LOG.errorf("Cluster rule version %s does not compile here, serving the disk files (behind): %s",
                    newest.versionId(), e.getMessage());
        }
        return true;
    }

    /**
     * Reads the cluster's active version and, when this instance serves another one, compiles and activates it under
     * the same sequence on the compile thread. Called by {@link ClusterVersionFollower}; returns at once.
     */
    public void followCluster() {
        RuleHistory.Published newest = history.newest().orElse(null);
        if (newest == null) {
            return;
        }
        clusterVersion = newest;
        if (serves(engine.active(), newest) || newest.sequence() == failedClusterSequence) {
            return;
        }
        compileThread.submit(() -> {
            ActiveRules current = engine.active();
            // Polls queued while a compile ran ask again for the same version: compile it once.
            if (newest.sequence() == failedClusterSequence || serves(current, newest)) {
                return;
            }
            try {
                adopt(newest, current, "cluster: v" + newest.sequence());
            } catch (RuleCompilationException e) {
                failedClusterSequence = newest.sequence();
                lastAttempt = new ReloadAttempt(ReloadAttempt.FAILURE, Instant.now(), "cluster: v" + newest.sequence(),
                        current.version().id(), null, e.errors());
                count("cluster", ReloadAttempt.FAILURE);
                LOG.errorf("Cluster rule version %s does not compile here; %s still serving (behind): %s",
                        newest.versionId(), current.version().id(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not adopt cluster rule version %s", newest.versionId());
            }
        });
    }

    private void adopt(RuleHistory.Published newest, ActiveRules current, String trigger) {
        var recorded = history.contents(newest.sequence()).orElseThrow(
                () -> new IllegalStateException("rule version " + newest.versionId() + " vanished"));
        CompiledRules compiled;
        if (current.version().contentHash().equals(newest.contentHash())) {
            compiled = current.rules(); // same files: only the id changes
        } else {
            Map<String, byte[]> contents = recorded.getValue();
            RuleSourceSet candidate = new RuleSourceSet(contents.entrySet().stream()
                    .map(f -> new RuleSource(files.resolve(f.getKey()).sourcePath(), f.getValue()))
                    .toList());
            compiled = engine.compile(candidate, compileThreadNice == 0);
            try {
                // Disk follows the database, so a later reload here does not publish stale files.
                files.restore(contents);
            } catch (RuntimeException e) {
                LOG.warnf("Cluster rule version %s serves, but the rule directories could not be updated: %s",
                        newest.versionId(), e.getMessage());
            }
        }
        ActiveRules next = engine.activateAs(compiled, newest.sequence(), newest.versionId(),
                recorded.getKey().activatedAt, recorded.getKey().triggeredBy);
        failedClusterSequence = 0;
        lastAttempt = new ReloadAttempt(ReloadAttempt.SUCCESS, Instant.now(), trigger, next.version().id(),
                compiled.compileTime().toMillis(), List.of());
        count("cluster", ReloadAttempt.SUCCESS);
        LOG.infof("Rules %s active (%s)", next.version().id(), trigger);
    }

    /** Whether {@code active} is the published version: same sequence and same content. */
    private static boolean serves(ActiveRules active, RuleHistory.Published published) {
        return active.version().sequence() == published.sequence()
                && active.version().contentHash().equals(published.contentHash());
    }

    /**
     * Re-reads the cluster's active version (one primary-key read) without adopting it, so readiness reflects a
     * version published since the last poll; adoption stays with {@link #followCluster()}.
     */
    public void readClusterVersion() {
        if (clusterEnabled) {
            history.newest().ifPresent(newest -> clusterVersion = newest);
        }
    }

    /** The version id serving here, or null before the first version is active. */
    public String servingVersionId() {
        try {
            return engine.active().version().id();
        } catch (IllegalStateException notYet) {
            return null;
        }
    }

    /** The cluster's active version id as last read ({@code v7-1a2b...}), or null when unknown or not clustered. */
    public String clusterVersionId() {
        RuleHistory.Published cluster = clusterVersion;
        return cluster == null ? null : cluster.versionId();
    }

    /** True when the cluster's active version differs from the one serving here (not adopted yet, or failed here). */
    public boolean behindCluster() {
        RuleHistory.Published cluster = clusterVersion;
        if (!clusterEnabled || cluster == null) {
            return false;
        }
        try {
            return !serves(engine.active(), cluster);
        } catch (IllegalStateException notYet) {
            return true;
        }
    }

    /** Whether this instance follows the database's active version ({@code routing.cluster.enabled}). */
    public boolean followsCluster() {
        return clusterEnabled;
    }

    /** True when the cluster's active version failed to compile on this instance. */
    public boolean clusterVersionFailedHere() {
        RuleHistory.Published cluster = clusterVersion;
        return cluster != null && failedClusterSequence == cluster.sequence();
    }

    /** Writes the disk; a failure there is recorded like a compile failure, and nothing is activated. */
    private void commit(Runnable commit, String trigger, String kind, ActiveRules current) {
        try {
            commit.run();
        } catch (UncheckedIOException e) {
            lastAttempt = new ReloadAttempt(ReloadAttempt.FAILURE, Instant.now(), trigger, current.version().id(), null,
                    List.of(new RuleError(null, null, null, null, e.getMessage() + ": " + e.getCause().getMessage())));
            count(kind, ReloadAttempt.FAILURE);
            throw e;
        }
    }

    private <T> T onCompileThread(Callable<T> task) {
        Future<T> result = compileThread.submit(task);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the rule compile", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void count(String trigger, String outcome) {
        Counter.builder("rules.reloads").description("Rule compile attempts by outcome and trigger")
                .tag("outcome", outcome).tag("trigger", trigger).register(meters).increment();
    }

    private double activeRuleCount() {
        try {
            return engine.active().rules().ruleCount();
        } catch (IllegalStateException notYet) {
            return 0;
        }
    }
}
