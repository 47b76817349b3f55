package io.leadrouter.console;

import io.leadrouter.backtest.BacktestService;
import io.leadrouter.backtest.LintFinding;

import java.util.List;
import java.util.Locale;

/**
 * A backtest report as the "test this change" page shows it: shares as percentages, each rule marked dead, newly
 * firing or no longer firing, each lint finding with its place.
 */
public record BacktestSummary(String candidatePath, BacktestService.Report report) {

    /** A target or rule, before → after. */
    public record Row(String name, long before, long after, String shareBefore, String shareAfter, String delta,
                      String status) {

        public boolean moved() {
            return before != after;
        }
    }

    /** A lint finding of the candidate with where it is written. */
    public record Finding(String kind, String rule, String where, String message) {
    }

    public long leads() {
        return report.leads();
    }

    public long changed() {
        return report.changed();
    }

    public String changedShare() {
        return percent(report.leads() == 0 ? 0 : (double) report.changed() / report.leads());
    }

    public long assigneeChanged() {
        return report.assigneeChanged();
    }

    public List<Row> targets() {
        return report.targets().stream().map(s -> row(s, "")).toList();
    }

    public List<Row> rules() {
        return report.rules().stream().map(s -> row(s, status(s))).toList();
    }

    public long deadRules() {
        return report.rules().stream().filter(s -> s.after() == 0).count();
    }

    public long newlyFiring() {
        return report.rules().stream().filter(s -> s.before() == 0 && s.after() > 0).count();
    }

    public List<Finding> lint() {
        return report.lint().stream().map(f -> new Finding(f.kind(), f.rule(), where(f), f.message())).toList();
    }

    public List<BacktestService.ChangedLead> changedLeads() {
        return report.changedLeads();
    }

    /** More leads changed than the page lists. */
    public boolean moreChanged() {
        return report.changed() > report.changedLeads().size();
    }

    public String distribution() {
        return report.distribution();
    }

    private static String status(BacktestService.Shift rule) {
        if (rule.before() == 0 && rule.after() == 0) {
            return "dead: fires in neither";
        }
        if (rule.before() == 0) {
            return "newly firing";
        }
        if (rule.after() == 0) {
            return "no longer fires";
        }
        return "";
    }

    private static Row row(BacktestService.Shift shift, String status) {
        long delta = shift.after() - shift.before();
        return new Row(shift.name(), shift.before(), shift.after(), percent(shift.shareBefore()),
                percent(shift.shareAfter()), delta > 0 ? "+" + delta : delta < 0 ? "−" + (-delta) : "0", status);
    }

    private static String where(LintFinding finding) {
        StringBuilder where = new StringBuilder(finding.file() == null ? "(rules)" : finding.file());
        if (finding.sheet() != null) where.append(" sheet ").append(finding.sheet());
        if (finding.row() != null) where.append(" row ").append(finding.row());
        if (finding.line() != null) where.append(" line ").append(finding.line());
        return where.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
