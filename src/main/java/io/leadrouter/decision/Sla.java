package io.leadrouter.decision;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;

/**
 * The response SLA of an assignment: the rep must touch the lead within {@code duration} of working time.
 *
 * @param duration the SLA ({@code PT15M})
 * @param dueAt    when it is breached: the decision time plus {@code duration}, counted in the assignee's working
 *                 hours, time zone and holidays ({@code basis})
 * @param setBy    where it comes from: {@code rule PRIO-020 ...}, {@code routing.sla.priorities.URGENT}, or the
 *                 decision it was inherited from on a re-route
 * @param basis    how it was counted ({@code working hours of anna.schmidt (Europe/Berlin)}, {@code wall clock})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sla(@JsonFormat(shape = JsonFormat.Shape.STRING) Duration duration, Instant dueAt, String setBy,
                  String basis) {
}
