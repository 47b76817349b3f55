package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sales ops' rule test cases ({@code rules/tests/*.csv}, {@code *.xlsx}), run on every compile. */
@ConfigMapping(prefix = "routing.rule-tests")
public interface RuleTestsConfig {

    /** Run the cases on every compile; a failing case blocks activation unless an admin forces it. */
    @WithDefault("true")
    boolean enabled();
}
