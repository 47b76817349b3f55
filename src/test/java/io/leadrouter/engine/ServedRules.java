package io.leadrouter.engine;

import io.quarkus.arc.Arc;

/**
 * Puts a test's own rules in service and gives the previous rule set back afterwards, each from a fresh compile.
 *
 * <p>A rule base the engine has replaced is retired: its sessions are disposed and none is pooled again. Activating a
 * retired base (the {@link CompiledRules} that served before, or a test's rules cached across test classes) would run
 * every later test on a path production never takes, so nothing here re-activates one: {@link #restore()} compiles the
 * previous sources again, and {@link #serve} compiles the test's sources for each use.
 */
public final class ServedRules {

    private final RuleEngine engine;
    private final RuleSourceSet previous;
    private final ActiveRules served;
    private final String owner;

    private ServedRules(RuleEngine engine, RuleSourceSet previous, ActiveRules served, String owner) {
        this.engine = engine;
        this.previous = previous;
        this.served = served;
        this.owner = owner;
    }

    /** Compiles {@code sources} and activates them in the application's engine; {@code owner} names the test. */
    public static ServedRules serve(RuleSourceSet sources, String owner) {
        return serve(Arc.container().instance(RuleEngine.class).get(), sources, owner);
    }

    public static ServedRules serve(RuleEngine engine, RuleSourceSet sources, String owner) {
        RuleSourceSet previous = engine.active().rules().sources();
        ActiveRules served = engine.activate(engine.compile(sources), "test rules of " + owner);
        return new ServedRules(engine, previous, served, owner);
    }

    /** The version serving the test's rules. */
    public ActiveRules served() {
        return served;
    }

    /** Activates a fresh compile of the rule set that served before {@link #serve}. */
    public void restore() {
        engine.activate(engine.compile(previous), "restore after " + owner);
    }
}
