package io.leadrouter.backtest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.leadrouter.config.BatchConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.intake.LeadRequest;
import io.leadrouter.decision.Decision;
import io.leadrouter.routing.RoutingService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes a CSV of leads for real through {@link RoutingService} exactly as if each came alone (stored decision,
 * fairness, caps, counters), a few rows at once ({@code routing.batch.workers}). Each row's decision and its batch-row record are committed together, so a
 * re-submitted batch id skips the rows already routed, and a failure leaves the rows before it routed and reported.
 * A bad row is reported by number and does not stop the rest; a row passes the same checks as a lead sent to
 * {@code POST /api/route} ({@link LeadRequest}'s constraints) before anything of it is routed.
 */
@ApplicationScoped
public class BatchRoutingService {

    /** One routed row. */
    public record RoutedRow(int row, String leadId, UUID decisionId, @Schema(nullable = true) String assignee, @Schema(nullable = true) String queue) {
    }

    /**
     * @param routed   rows routed by this request
     * @param skipped  rows this batch id had routed before (not routed again)
     * @param errors   rows not routed, by row number and column
     */
    public record BatchResult(String batchId, int total, List<RoutedRow> routed, List<Integer> skipped,
                              List<BadInputException.InputError> errors) {
    }

    private final RoutingService routing;
    private final EntityManager em;
    private final Validator validator;
    /** Rows routed at once by one batch (the calling thread included). */
    private final int workers;
    /** The helper threads of every batch on this instance, so concurrent batches share a fixed number. */
    private final ExecutorService pool;

    public BatchRoutingService(RoutingService routing, EntityManager em, Validator validator,
                               BatchConfig config) {
        int workers = config.workers();
        this.routing = routing;
        this.em = em;
        this.validator = validator;
        this.workers = workers;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, workers - 1), r -> {
            Thread thread = new Thread(r, "batch-routing-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Follows a batch as it runs (a job's progress), and may stop it between rows. */
    public interface Progress {
        void rowDone(boolean routed, boolean error);

        boolean cancelled();
    }

    /** No one follows the batch. */
    public static final Progress NO_PROGRESS = new Progress() {
        @Override
        public void rowDone(boolean routed, boolean error) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** @throws BadInputException for an empty file or a bad header (nothing is routed then) */
    public BatchResult route(String batchId, String csv) {
        return route(batchId, csv, NO_PROGRESS);
    }

    /** Like {@link #route(String, String)}, reporting each row to {@code progress} and stopping when it says so. */
    public BatchResult route(String batchId, String csv, Progress progress) {
        try (CsvRows rows = new CsvRows(new StringReader(csv))) {
            CsvRows.Row header = rows.next();
            if (header == null || header.isBlank()) {
                throw BadInputException.at(null, "body", "the file is empty: the first row must name the lead fields");
            }
            LeadColumns columns = LeadColumns.of(header.cells());
            List<BadInputException.InputError> unreadable = new ArrayList<>();
            BatchResult result = routeRows(batchId, progress, () -> {
                CsvRows.Row row = nextOrError(rows, unreadable);
                while (row != null && row.isBlank()) {
                    row = nextOrError(rows, unreadable);
                }
                if (row == null) {
                    return null;
                }
                CsvRows.Row current = row;
                return new NumberedLead(current.number(), () -> columns.lead(current));
            });
            result.errors().addAll(unreadable);
            return result;
        }
    }

    /**
     * JSON lines: one lead object a line, fields named like the CSV columns ({@code attributes} an object); row
     * numbers are line numbers. A line that is not a lead object is an error of that row; the rest go on.
     *
     * @throws BadInputException for a body without any line
     */
    public BatchResult routeJsonLines(String batchId, String body, Progress progress) {
        List<String> lines = body.lines().toList();
        if (lines.stream().allMatch(String::isBlank)) {
            throw BadInputException.at(null, "body", "the body is empty: send one JSON lead object a line");
        }
        int[] next = {0};
        return routeRows(batchId, progress, () -> {
            while (next[0] < lines.size() && lines.get(next[0]).isBlank()) {
                next[0]++;
            }
            if (next[0] >= lines.size()) {
                return null;
            }
            int line = ++next[0];
            return new NumberedLead(line, () -> JsonLeadLines.lead(line, lines.get(line - 1)));
        });
    }

    /** A row of the input and how to read its lead (which may throw {@link BadInputException}). */
    private record NumberedLead(int row, java.util.function.Supplier<Lead> lead) {
    }

    /**
     * Routes the rows with {@link #workers} workers at once (this thread and pool threads), like that many clients
     * sending one lead each: a row is read, checked and evaluated without a transaction, then placed and recorded with
     * its batch-row record in one transaction of its own, exactly as {@code POST /api/route} does. Fairness holds
     * because a placement locks its pool's row in the database until commit, whichever worker routes it; only the
     * order of the picks within a pool follows commit order rather than row order.
     */
    private BatchResult routeRows(String batchId, Progress progress,
                                  java.util.function.Supplier<NumberedLead> input) {
        // One read of the rows this batch id routed before, instead of one per row; a row another request routes
        // meanwhile still loses on the batch-row primary key, and nothing of it stays.
        Set<Integer> routedBefore = QuarkusTransaction.requiringNew().call(() -> routedRows(batchId));
        List<RoutedRow> routed = Collections.synchronizedList(new ArrayList<>());
        List<Integer> skipped = Collections.synchronizedList(new ArrayList<>());
        List<BadInputException.InputError> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger total = new AtomicInteger();
        boolean[] exhausted = {false}; // guarded by input: once the input has ended it is not read again
        Runnable worker = () -> {
            while (true) {
                NumberedLead row;
                synchronized (input) {
                    if (exhausted[0] || progress.cancelled()) {
                        return;
                    }
                    row = input.get();
                    if (row == null) {
                        exhausted[0] = true;
                        return;
                    }
                    total.incrementAndGet();
                }
                routeOne(batchId, row, routedBefore, progress, routed, skipped, errors);
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            helpers.add(pool.submit(worker));
        }
        try {
            worker.run(); // the caller works too, so a batch moves on while another one has the pool threads
        } finally {
            for (Future<?> helper : helpers) {
                awaitHelper(helper);
            }
        }
        List<RoutedRow> routedByRow = new ArrayList<>(routed);
        routedByRow.sort(Comparator.comparingInt(RoutedRow::row));
        List<Integer> skippedByRow = new ArrayList<>(skipped);
        Collections.sort(skippedByRow);
        List<BadInputException.InputError> errorsByRow = new ArrayList<>(errors);
        errorsByRow.sort(Comparator.comparing(BadInputException.InputError::row,
                Comparator.nullsFirst(Comparator.naturalOrder()))); // stable: a row's errors keep their field order
        return new BatchResult(batchId, total.get(), routedByRow, skippedByRow, errorsByRow);
    }

    private void routeOne(String batchId, NumberedLead row, Set<Integer> routedBefore, Progress progress,
                          List<RoutedRow> routed, List<Integer> skipped, List<BadInputException.InputError> errors) {
        int number = row.row();
        if (routedBefore.contains(number)) {
            skipped.add(number);
            progress.rowDone(false, false);
            return;
        }
        Lead lead;
        try {
            lead = row.lead().get();
            checkAsSent(number, lead);
        } catch (BadInputException e) {
            errors.addAll(e.errors());
            progress.rowDone(false, true);
            return;
        }
        try {
            RoutingService.Evaluated evaluated = routing.evaluate(lead);
            RoutedRow done = QuarkusTransaction.requiringNew().call(() -> record(batchId, number, evaluated));
            routed.add(done);
            progress.rowDone(true, false);
        } catch (RuntimeException e) {
            // Another request routing the same batch row at once loses on the primary key; nothing of it stays.
            errors.add(new BadInputException.InputError(number, null, "not routed: " + e.getMessage()));
            progress.rowDone(false, true);
        }
    }

    private static void awaitHelper(Future<?> helper) {
        try {
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the batch was routed", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A batch worker failed", e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private Set<Integer> routedRows(String batchId) {
        List<Number> rows = em.createNativeQuery("select row_number from route_batch_row where batch_id = :b")
                .setParameter("b", batchId).getResultList();
        Set<Integer> numbers = new HashSet<>();
        rows.forEach(n -> numbers.add(n.intValue()));
        return numbers;
    }

    /** @throws BadInputException naming, by row and field, every check of {@code POST /api/route} the lead fails */
    private void checkAsSent(int row, Lead lead) {
        List<BadInputException.InputError> invalid = validator.validate(LeadRequest.asSent(lead)).stream()
                .map(v -> new BadInputException.InputError(row, v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(BadInputException.InputError::field))
                .toList();
        if (!invalid.isEmpty()) {
            throw new BadInputException("row " + row + " is not a valid lead", invalid);
        }
    }

    private static CsvRows.Row nextOrError(CsvRows rows, List<BadInputException.InputError> errors) {
        try {
            return rows.next();
        } catch (BadInputException e) {
            errors.addAll(e.errors());
            return null; // an unterminated quote swallows the rest of the file
        }
    }

    /** Places and logs the evaluated lead and records its batch row, in the caller's transaction. */
    private RoutedRow record(String batchId, int row, RoutingService.Evaluated evaluated) {
        Decision decision = routing.record(evaluated);
        Lead lead = evaluated.lead();
        em.createNativeQuery("insert into route_batch_row (batch_id, row_number, lead_id, decision_id, routed_at)"
                        + " values (:b, :r, :l, :d, :t)")
                .setParameter("b", batchId).setParameter("r", row).setParameter("l", lead.getId())
                .setParameter("d", decision.decisionId()).setParameter("t", Instant.now()).executeUpdate();
        return new RoutedRow(row, lead.getId(), decision.decisionId(),
                decision.assignee() == null ? null : decision.assignee().id(), decision.queue());
    }
}
