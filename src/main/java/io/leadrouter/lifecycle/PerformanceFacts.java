package io.leadrouter.lifecycle;

import io.leadrouter.domain.Rep;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The performance figures rules see on {@link Rep} ({@code conversionRate90d}, {@code medianFirstTouch7d} ...),
 * recomputed in the background every {@code routing.lifecycle.refresh-every} from the counters (one query of the last
 * 90 days' rows, never a scan of leads) and held in memory, so a route reads them without a query. Every instance
 * reads the same counters, so instances agree within one refresh. Also the figures of {@code /api/analytics} (read
 * fresh) and the per-rep and per-rule gauges at {@code /q/metrics}.
 */
@ApplicationScoped
public class PerformanceFacts {

    private static final Logger LOG = Logger.getLogger(PerformanceFacts.class);
    private static final int[] WINDOWS = {7, 30, 90};

    /** Figures per subject id and window (days). */
    private record Snapshot(Map<String, Map<Integer, PerformanceFigures>> reps,
                            Map<String, Map<Integer, PerformanceFigures>> rules) {
    }

    private final PerformanceCounters counters;
    private final MeterRegistry registry;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    PerformanceFacts(PerformanceCounters counters, MeterRegistry registry) {
        this.counters = counters;
        this.registry = registry;
    }

    void atStartup(@Observes StartupEvent event) {
        scheduledRefresh();
    }

    @Scheduled(identity = "performance-facts", every = "${routing.lifecycle.refresh-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot refresh the performance figures (the previous ones stay): %s", e.getMessage());
        }
    }

    /** Reads the counters again now. */
    public void refresh() {
        LocalDate today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate();
        Snapshot next = QuarkusTransaction.requiringNew().call(() -> new Snapshot(
                windows(PerformanceCounters.REP, today), windows(PerformanceCounters.RULE, today)));
        snapshot = next;
        next.reps().keySet().forEach(rep -> gauge("rep", rep));
        next.rules().keySet().forEach(rule -> gauge("rule", rule));
    }

    private Map<String, Map<Integer, PerformanceFigures>> windows(String kind, LocalDate today) {
        Map<String, PerformanceCounters.Sums[]> sums = new HashMap<>();
        for (PerformanceCounters.Row row : counters.since(kind, today.minusDays(WINDOWS[WINDOWS.length - 1] - 1))) {
            PerformanceCounters.Sums[] bySubject = sums.computeIfAbsent(row.key().subjectId(), s -> new PerformanceCounters.Sums[]{
                    new PerformanceCounters.Sums(), new PerformanceCounters.Sums(), new PerformanceCounters.Sums()});
            for (int i = 0; i < WINDOWS.length; i++) {
                if (!row.key().day().isBefore(today.minusDays(WINDOWS[i] - 1))) {
                    bySubject[i].merge(row.sums());
                }
            }
        }
        Map<String, Map<Integer, PerformanceFigures>> figures = new HashMap<>();
        sums.forEach((subject, bySubject) -> {
            Map<Integer, PerformanceFigures> byWindow = new HashMap<>();
            for (int i = 0; i < WINDOWS.length; i++) {
                byWindow.put(WINDOWS[i], PerformanceFigures.of(subject, WINDOWS[i], bySubject[i]));
            }
            figures.put(subject, Map.copyOf(byWindow));
        });
        return Map.copyOf(figures);
    }

    /** Sets the figures on the roster's facts (zero, or null durations, for reps without leads). In memory only. */
    public void apply(List<Rep> roster) {
        Map<String, Map<Integer, PerformanceFigures>> reps = snapshot.reps();
        for (Rep rep : roster) {
            Map<Integer, PerformanceFigures> f = reps.get(rep.getId());
            if (f == null) {
                continue;
            }
            PerformanceFigures d7 = f.get(7);
            PerformanceFigures d30 = f.get(30);
            PerformanceFigures d90 = f.get(90);
            rep.setAssignedLeads30d((int) d30.assigned());
            rep.setAssignedLeads90d((int) d90.assigned());
            rep.setConvertedLeads90d((int) d90.converted());
            rep.setConversionRate30d(d30.conversionRate());
            rep.setConversionRate90d(d90.conversionRate());
            rep.setMedianFirstTouch7d(d7.medianFirstTouch());
            rep.setMedianFirstTouch30d(d30.medianFirstTouch());
            rep.setP90FirstTouch30d(d30.p90FirstTouch());
            rep.setSlaBreaches7d((int) d7.slaBreaches());
            rep.setSlaBreaches30d((int) d30.slaBreaches());
            rep.setWonAmount90d(d90.wonAmount().setScale(0, RoundingMode.DOWN).longValueExact());
        }
    }

    /** Fresh figures of every rep ({@code rep}) or rule ({@code rule}) over the last {@code days} days, by subject. */
    public List<PerformanceFigures> figures(String kind, int days) {
        LocalDate today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, PerformanceCounters.Sums> sums = new TreeMap<>();
        QuarkusTransaction.requiringNew().run(() -> counters.since(kind, today.minusDays(days - 1))
                .forEach(row -> sums.computeIfAbsent(row.key().subjectId(), s -> new PerformanceCounters.Sums())
                        .merge(row.sums())));
        return sums.entrySet().stream().map(e -> PerformanceFigures.of(e.getKey(), days, e.getValue()))
                .sorted(Comparator.comparing(PerformanceFigures::subject)).toList();
    }

    /** Gauges per rep and per rule (bounded by the roster and the rule ids; never per lead). */
    private void gauge(String kind, String subject) {
        if (!gauged.add(kind + ":" + subject)) {
            return;
        }
        boolean rep = kind.equals("rep");
        Gauge.builder("leadrouter." + kind + ".conversion.rate", this, f -> f.value(rep, subject, 90, "rate"))
                .description("Converted ÷ assigned over the leads assigned in the last 90 days")
                .tag(kind, subject).tag("window", "90d").register(registry);
        Gauge.builder("leadrouter." + kind + ".first.touch.median.seconds", this, f -> f.value(rep, subject, 7, "median"))
                .description("Median working time to first touch of the leads assigned in the last 7 days (NaN: none touched)")
                .tag(kind, subject).tag("window", "7d").register(registry);
        Gauge.builder("leadrouter." + kind + ".sla.breaches", this, f -> f.value(rep, subject, 7, "breaches"))
                .description("SLA breaches on the leads assigned in the last 7 days")
                .tag(kind, subject).tag("window", "7d").register(registry);
    }

    private double value(boolean rep, String subject, int days, String what) {
        Map<Integer, PerformanceFigures> f = (rep ? snapshot.reps() : snapshot.rules()).get(subject);
        if (f == null) {
            return what.equals("median") ? Double.NaN : 0;
        }
        PerformanceFigures figures = f.get(days);
        return switch (what) {
            case "rate" -> figures.conversionRate();
            case "median" -> figures.medianFirstTouch() == null ? Double.NaN : figures.medianFirstTouch().toSeconds();
            default -> figures.slaBreaches();
        };
    }
}
