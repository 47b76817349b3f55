package io.leadrouter.backtest;

import io.leadrouter.domain.Lead;
import io.leadrouter.rest.LeadRequest;
import io.leadrouter.routing.Decision;
import io.leadrouter.routing.RoutingService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Routes a CSV of leads for real, one by one through {@link RoutingService} exactly as if each came alone (stored
 * decision, fairness, caps, counters). Each row's decision and its batch-row record are committed together, so a
 * re-submitted batch id skips the rows already routed, and a failure leaves the rows before it routed and reported.
 * A bad row is reported by number and does not stop the rest; a row passes the same checks as a lead sent to
 * {@code POST /api/route} ({@link LeadRequest}'s constraints) before anything of it is routed.
 */
@ApplicationScoped
public class BatchRoutingService {

    /** One routed row. */
    public record RoutedRow(int row, String leadId, UUID decisionId, String assignee, String queue) {
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

    public BatchRoutingService(RoutingService routing, EntityManager em, Validator validator) {
        this.routing = routing;
        this.em = em;
        this.validator = validator;
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

    private BatchResult routeRows(String batchId, Progress progress,
                                  java.util.function.Supplier<NumberedLead> input) {
        List<RoutedRow> routed = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        List<BadInputException.InputError> errors = new ArrayList<>();
        int total = 0;
        for (NumberedLead row = input.get(); row != null; row = input.get()) {
            if (progress.cancelled()) {
                break;
            }
            total++;
            Lead lead;
            try {
                lead = row.lead().get();
                checkAsSent(row.row(), lead);
            } catch (BadInputException e) {
                errors.addAll(e.errors());
                progress.rowDone(false, true);
                continue;
            }
            int number = row.row();
            try {
                RoutedRow done = QuarkusTransaction.requiringNew().call(() -> routeRow(batchId, number, lead));
                if (done == null) {
                    skipped.add(number);
                } else {
                    routed.add(done);
                }
                progress.rowDone(done != null, false);
            } catch (RuntimeException e) {
                // Another request routing the same batch row at once loses on the primary key; nothing of it stays.
                errors.add(new BadInputException.InputError(number, null, "not routed: " + e.getMessage()));
                progress.rowDone(false, true);
            }
        }
        return new BatchResult(batchId, total, routed, skipped, errors);
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

    private RoutedRow routeRow(String batchId, int row, Lead lead) {
        Number seen = (Number) em.createNativeQuery("select count(*) from route_batch_row where batch_id = :b and row_number = :r")
                .setParameter("b", batchId).setParameter("r", row).getSingleResult();
        if (seen.longValue() > 0) {
            return null;
        }
        Decision decision = routing.route(lead, false);
        em.createNativeQuery("insert into route_batch_row (batch_id, row_number, lead_id, decision_id, routed_at)"
                        + " values (:b, :r, :l, :d, :t)")
                .setParameter("b", batchId).setParameter("r", row).setParameter("l", lead.getId())
                .setParameter("d", decision.decisionId()).setParameter("t", Instant.now()).executeUpdate();
        return new RoutedRow(row, lead.getId(), decision.decisionId(),
                decision.assignee() == null ? null : decision.assignee().id(), decision.queue());
    }
}
