package io.leadrouter.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rule files do not compile. Carries every error, not just the first. */
public class RuleCompilationException extends RuntimeException {

    private final List<RuleError> errors;

    public RuleCompilationException(List<RuleError> errors) {
        super(errors.size() + " rule compile error(s):\n  "
                + errors.stream().map(RuleError::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
