package io.leadrouter.reload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadrouter.engine.RuleError;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of the latest compile attempt, successful or not.
 *
 * @param outcome       {@code success}, {@code unchanged} (same content as the active version) or {@code failure}
 * @param at            when it finished
 * @param trigger       what asked for it
 * @param versionId     the version active afterwards: the new one, or the one still serving after a failure
 * @param compileMillis how long the compile took, when one ran
 * @param errors        every compile error, on failure
 * @param warnings      rules of version {@code versionId} that ran past the evaluation budget when they fired
 *                      (located like compile errors): the version serves, each such lead went to the fallback queue
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReloadAttempt(String outcome, Instant at, String trigger, String versionId, Long compileMillis,
                            List<RuleError> errors, List<RuleError> warnings) {

    public ReloadAttempt(String outcome, Instant at, String trigger, String versionId, Long compileMillis,
                         List<RuleError> errors) {
        this(outcome, at, trigger, versionId, compileMillis, errors, List.of());
    }

    /** The same attempt with the active version's run-time warnings. */
    public ReloadAttempt withWarnings(List<RuleError> warnings) {
        return new ReloadAttempt(outcome, at, trigger, versionId, compileMillis, errors, warnings);
    }

    public static final String SUCCESS = "success";
    public static final String UNCHANGED = "unchanged";
    public static final String FAILURE = "failure";
}
