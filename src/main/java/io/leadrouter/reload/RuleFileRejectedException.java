package io.leadrouter.reload;

/** A file path or body that may not become a rule file: a traversal, a foreign extension, a temp-file name, too big. */
public class RuleFileRejectedException extends RuntimeException {

    public enum Reason { INVALID_PATH, TOO_LARGE, NOT_FOUND, GONE }

    private final Reason reason;

    public RuleFileRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
