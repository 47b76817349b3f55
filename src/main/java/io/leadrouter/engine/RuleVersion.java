package io.leadrouter.engine;

import java.time.Instant;

/**
 * Identity of an activated rule set: a sequence number (increasing with each activation in this process) and the
 * content hash of its files. {@link #id()} is what decisions record.
 *
 * @param sequence    1 for the rules loaded at start-up, then one more per activation
 * @param contentHash SHA-256 over every file path and file hash
 * @param activatedAt when it started serving
 * @param trigger     what activated it ({@code startup}, {@code reload}, {@code upload decision-tables/x.xlsx} ...)
 */
public record RuleVersion(long sequence, String contentHash, Instant activatedAt, String trigger) {

    /** {@code v3-1a2b3c4d5e6f}: short enough to read, long enough to tell contents apart. */
    public String id() {
        return "v" + sequence + "-" + contentHash.substring(0, 12);
    }
}
