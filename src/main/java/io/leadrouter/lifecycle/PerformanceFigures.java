package io.leadrouter.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A rep's or a rule's figures over the leads assigned in a window of days (today, UTC, and the days before).
 *
 * @param subject          the rep id, or the rule id ({@code TERR-010})
 * @param days             the window
 * @param assigned         leads assigned (for a rule: leads it routed to a rep; re-routes are not counted again)
 * @param touched          of those, leads touched (first touch, a worked status, qualification, conversion)
 * @param medianFirstTouch median working time from assignment to first touch; null when none was touched
 * @param p90FirstTouch    90th percentile of the same
 * @param slaBreaches      SLA breaches
 * @param qualified        leads qualified
 * @param disqualified     leads disqualified
 * @param converted        leads converted
 * @param wonAmount        won amount of the converted leads
 * @param conversionRate   converted ÷ assigned, 0 without leads
 */
public record PerformanceFigures(String subject, int days, long assigned, long touched,
                                 @Schema(nullable = true, implementation = String.class, description = "ISO-8601 duration (PT1H30M); null when none was touched")
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) Duration medianFirstTouch,
                                 @Schema(nullable = true, implementation = String.class, description = "ISO-8601 duration; null when none was touched")
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) Duration p90FirstTouch,
                                 long slaBreaches, long qualified, long disqualified,
                                 long converted, BigDecimal wonAmount, double conversionRate) {

    static PerformanceFigures of(String subject, int days, PerformanceCounters.Sums sums) {
        return new PerformanceFigures(subject, days, sums.assigned, sums.touched,
                TouchBuckets.quantile(sums.buckets, 0.5), TouchBuckets.quantile(sums.buckets, 0.9), sums.breaches,
                sums.qualified, sums.disqualified, sums.converted, sums.won,
                sums.assigned == 0 ? 0 : (double) sums.converted / sums.assigned);
    }
}
