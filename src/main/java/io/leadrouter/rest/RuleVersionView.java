package io.leadrouter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A rule version: the active one, or one from the history.
 *
 * @param id            {@code v3-1a2b3c4d5e6f}, as decisions record it
 * @param sequence      the number to roll back to
 * @param contentHash   SHA-256 over every file path and file hash
 * @param trigger       what activated it: {@code startup}, {@code file change}, {@code upload rules/x.drl} ...
 * @param activatedAt   when it started serving
 * @param ruleCount     rules compiled
 * @param compileTimeMs compile time
 * @param active        whether it is serving now
 * @param changed       in answers to a change: false when the content equalled the active version, so nothing new
 *                      was activated
 * @param files         its files
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleVersionView(String id, long sequence, String contentHash, String trigger, Instant activatedAt,
                              int ruleCount, long compileTimeMs, boolean active, Boolean changed,
                              List<RuleFileView> files) {
}
