package io.leadrouter.backtest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Large batches as background jobs, one at a time on one thread, with progress and cancel. The job state is this
 * instance's (another instance does not see it); what was routed is in the database either way, so a job cut short
 * (cancel, restart) is finished by re-sending the batch: routed rows are skipped.
 */
@ApplicationScoped
public class BatchJobs {

    private static final Logger LOG = Logger.getLogger(BatchJobs.class);

    /** A job's state. */
    public static final class Job implements BatchRoutingService.Progress {
        final String batchId;
        final int rows;
        final Instant startedAt = Instant.now();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger routed = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        volatile boolean cancelled;
        volatile String state = "queued";
        volatile BatchRoutingService.BatchResult result;
        volatile Instant finishedAt;

        Job(String batchId, int rows) {
            this.batchId = batchId;
            this.rows = rows;
        }

        @Override
        public void rowDone(boolean wasRouted, boolean error) {
            done.incrementAndGet();
            if (wasRouted) routed.incrementAndGet();
            if (error) errors.incrementAndGet();
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        public JobView view() {
            Instant end = finishedAt != null ? finishedAt : Instant.now();
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
            return new JobView(batchId, state, done.get(), rows, routed.get(), errors.get(),
                    Math.round(done.get() / seconds * 10) / 10.0, result == null ? null : result.errors());
        }
    }

    /**
     * @param done       rows handled (routed, skipped as already routed, or refused)
     * @param total      data rows in the file (lines, before parsing)
     * @param rate       rows per second so far
     * @param rowErrors  every refused row, once the job has ended
     */
    public record JobView(String batchId, String state, int done, int total, int routed, int errors, double rate,
                          @Schema(nullable = true) java.util.List<BadInputException.InputError> rowErrors) {
    }

    private final BatchRoutingService batches;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "batch-routing"));
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    public BatchJobs(BatchRoutingService batches) {
        this.batches = batches;
    }

    void stop(@Observes ShutdownEvent event) {
        jobs.values().forEach(j -> j.cancelled = true);
        runner.shutdownNow();
    }

    /** Queues the batch; @throws IllegalStateException when a job with this id is still running */
    public Job start(String batchId, String csv) {
        return start(batchId, csv, false);
    }

    /** Queues a batch of CSV or, with {@code jsonLines}, of JSON lines. @see #start(String, String) */
    public Job start(String batchId, String csv, boolean jsonLines) {
        int rows = (int) Math.max(0, csv.lines().filter(l -> !l.isBlank()).count() - (jsonLines ? 0 : 1));
        Job job = new Job(batchId, rows);
        Job running = jobs.compute(batchId, (id, old) -> old != null && (old.state.equals("running")
                || old.state.equals("queued")) ? old : job);
        if (running != job) {
            throw new IllegalStateException("batch " + batchId + " is already running");
        }
        runner.submit(() -> {
            if (job.cancelled) {
                job.state = "cancelled";
                job.finishedAt = Instant.now();
                return;
            }
            job.state = "running";
            try {
                job.result = jsonLines ? batches.routeJsonLines(batchId, csv, job) : batches.route(batchId, csv, job);
                job.state = job.cancelled ? "cancelled" : "done";
            } catch (RuntimeException e) {
                LOG.errorf(e, "Batch %s failed", batchId);
                job.state = "failed: " + e.getMessage();
            } finally {
                job.finishedAt = Instant.now();
            }
        });
        return job;
    }

    public Optional<Job> find(String batchId) {
        return Optional.ofNullable(jobs.get(batchId));
    }

    /** Stops the job after the row it is routing; rows routed so far stay routed. */
    public Optional<Job> cancel(String batchId) {
        Job job = jobs.get(batchId);
        if (job != null) {
            job.cancelled = true;
        }
        return Optional.ofNullable(job);
    }
}
