package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;

import java.util.List;

/** A compiled rule set together with the version it was activated as. Immutable; swapped as a whole. */
public record ActiveRules(RuleVersion version, CompiledRules rules) {

    /** Evaluates the lead on this version; the evaluation carries the version id it ran on. */
    public Evaluation evaluate(Lead lead, List<Rep> roster) {
        return rules.evaluate(lead, roster).onVersion(version.id());
    }
}
