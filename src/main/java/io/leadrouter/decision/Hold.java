package io.leadrouter.decision;

import java.time.Instant;

/**
 * A lead held rather than queued, because nobody in its pool could take it and the pool's policy is {@code HOLD}.
 * The CRM keeps the lead and routes it again after {@code retryAfter}.
 *
 * @param pool       the pool that had nobody eligible
 * @param reason     why
 * @param retryAfter when routing again may succeed (a hint, not a promise)
 */
public record Hold(String pool, String reason, Instant retryAfter) {
}
