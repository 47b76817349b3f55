package io.leadrouter.console;

import io.leadrouter.engine.RuleSource;
import io.leadrouter.reload.RuleFileStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * A rule file as the console names it: its API path ({@code decision-tables/territories.xlsx}), whatever directory
 * the rules are read from. Templates call it as {@code inject:ruleFiles.name(path)}.
 */
@Named("ruleFiles")
@ApplicationScoped
public class RuleFileNames {

    private final RuleFileStore files;

    public RuleFileNames(RuleFileStore files) {
        this.files = files;
    }

    /** The API path of the file a decision's matched rule records as its source. */
    public String name(String sourcePath) {
        return sourcePath == null ? "" : files.apiPathOf(new RuleSource(sourcePath, new byte[0]));
    }
}
