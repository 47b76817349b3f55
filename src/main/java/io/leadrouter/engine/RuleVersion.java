package io.leadrouter.engine;

import java.time.Instant;

/**
 * Identity of an activated rule set: a sequence number (increasing with each activation) and the content hash of its
 * files. {@link #id()} is what decisions record.
 *
 * @param sequence    1 for the first rules recorded, then one more per activation (across the cluster)
 * @param contentHash SHA-256 over every file's API path and file hash
 * @param activatedAt when it started serving
 * @param trigger     what activated it ({@code startup}, {@code reload}, {@code upload decision-tables/x.xlsx} ...)
 * @param id          {@code v3-1a2b3c4d5e6f}: given when the version is first activated and recorded; an instance
 *                    adopting a recorded version takes the recorded id, so every instance serves it under one name
 */
public record RuleVersion(long sequence, String contentHash, Instant activatedAt, String trigger, String id) {

    /** A new version: its id is its sequence and the start of its hash, short enough to read, long enough to tell apart. */
    public RuleVersion(long sequence, String contentHash, Instant activatedAt, String trigger) {
        this(sequence, contentHash, activatedAt, trigger, "v" + sequence + "-" + contentHash.substring(0, 12));
    }
}
