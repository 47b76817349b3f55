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
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReloadAttempt(String outcome, Instant at, String trigger, String versionId, Long compileMillis,
                            List<RuleError> errors) {

    public static final String SUCCESS = "success";
    public static final String UNCHANGED = "unchanged";
    public static final String FAILURE = "failure";
}
