package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;
import java.util.Set;

/** The lint every candidate rule set gets on compile, in backtests and on {@code GET /api/rules/lint}. */
@ConfigMapping(prefix = "routing.lint")
public interface LintConfig {

    /**
     * Finding kinds that block activation like a failing rule test (an admin may still force it):
     * {@code same-salience}, {@code shadowed-row}, {@code unservable-target}, {@code dead-rule}; or {@code all}.
     * Empty (the default): every finding is a warning.
     */
    Optional<Set<String>> blockOn();

    /** A rule that did not fire in this many days of the decision log is reported dead; 0 turns the check off. */
    @WithDefault("30")
    int deadRuleDays();
}
