package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Routing;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.ast.descr.RuleDescr;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.ParallelRulesBuildThresholdOption;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.jci.CompilationProblem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a set of DRL files and decision tables into one {@link KieBase}, or fails with every error located.
 *
 * <p>Uses the classic (MVEL) build through {@link KnowledgeBuilder}, deliberately: in our spike it compiled 2–3×
 * faster and kept about a third of the heap of the executable model at 10,000 table rows, which is what hot reload
 * of large tables needs. It also creates no KieModule, so nothing lingers in the KieRepository after a swap.
 */
public final class RuleCompiler {

    /** The global every rule writes its outcome to. */
    public static final String ROUTING_GLOBAL = "routing";

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)");
    /** A literal string handed to an action that stores it in a bounded column. */
    private static final Pattern STORED_LITERAL = Pattern.compile(
            "\\b(routeToQueue|assignToTeam|assignToSpecialists)\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Longest rule file path the version history can store (column {@code rule_version_file.path}). */
    public static final int MAX_PATH_LENGTH = 1000;
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+))");

    /** The line of Drools' generated rule class that holds a consequence's {@code then} (see consequenceLine). */
    private static final int CONSEQUENCE_THEN_LINE = 8;

    private final boolean parallelRuleBuild;

    public RuleCompiler() {
        this(true);
    }

    /**
     * @param parallelRuleBuild true: Drools builds the rules of a package with more than 10 rules on its own thread
     *                          pool (its default); false: every rule is built on the calling thread
     */
    public RuleCompiler(boolean parallelRuleBuild) {
        this.parallelRuleBuild = parallelRuleBuild;
    }

    public CompiledRules compile(RuleSourceSet sources) {
        long started = System.nanoTime();
        KnowledgeBuilderConfiguration configuration =
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, Lead.class.getClassLoader());
        if (!parallelRuleBuild) {
            configuration.setProperty(ParallelRulesBuildThresholdOption.PROPERTY_NAME, "-1");
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
        List<RuleError> errors = new ArrayList<>();
        Map<String, RuleOrigin> origins = new HashMap<>();
        Map<String, DecisionTableTranslator.Translation> translations = new HashMap<>();

        for (RuleSource source : sources.sources()) {
            String drl;
            DecisionTableTranslator.Translation translation = null;
            if (source.isDecisionTable()) {
                try {
                    translation = DecisionTableTranslator.translate(source);
                } catch (RuleCompilationException e) {
                    errors.addAll(e.errors());
                    continue;
                }
                translations.put(source.path(), translation);
                drl = translation.drl();
            } else {
                drl = source.text();
            }
            if (source.path().length() > MAX_PATH_LENGTH) {
                errors.add(new RuleError(source.path().substring(0, 80) + "…", null, null, null, "the file path has "
                        + source.path().length() + " characters; at most " + MAX_PATH_LENGTH + " can be recorded in the version history"));
            }
            checkStoredLiterals(source, drl, translation, errors);
            for (RuleCodePolicy.Violation violation : RuleCodePolicy.check(drl)) {
                errors.add(translation == null
                        ? new RuleError(source.path(), violation.line(), null, null, violation.message())
                        : new RuleError(source.path(), null, translation.sheetAt(violation.line()),
                                translation.rowAt(violation.line()), violation.message()));
            }
            catalogue(source, drl, translation, origins);
            Resource resource = ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(source.path());
            resource.setResourceType(ResourceType.DRL);
            builder.add(resource, ResourceType.DRL);
        }
        if (builder.hasErrors()) {
            List<RuleError> located = new ArrayList<>();
            for (KnowledgeBuilderError error : builder.getErrors()) {
                located.addAll(locate(error, translations));
            }
            errors.addAll(withoutParserEcho(located));
        }
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(errors);
        }
        KieBase kieBase = builder.newKieBase();
        boolean usesRoutingGlobal = checkRoutingGlobal(kieBase);
        int ruleCount = kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
        return new CompiledRules(kieBase, sources, origins, ruleCount, usesRoutingGlobal,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Refuses literal queue, team and specialty names the decision log or the fairness state could not store: such a
     * rule would fail every lead it matches, so the version is refused and the last good one keeps serving.
     */
    private static void checkStoredLiterals(RuleSource source, String drl, DecisionTableTranslator.Translation translation,
                                            List<RuleError> errors) {
        String[] lines = drl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = STORED_LITERAL.matcher(lines[i]);
            while (m.find()) {
                String action = m.group(1);
                String value = m.group(2).trim();
                String message = null;
                if (action.equals("routeToQueue") && value.length() > Routing.MAX_QUEUE_LENGTH) {
                    message = "routeToQueue names a queue of " + value.length() + " characters; at most "
                            + Routing.MAX_QUEUE_LENGTH + " can be stored";
                } else if (!action.equals("routeToQueue")) {
                    String kind = action.equals("assignToTeam") ? "team" : "specialists";
                    int keyLength = kind.length() + 1 + value.length();
                    if (keyLength > Routing.MAX_POOL_KEY_LENGTH) {
                        message = action + " names a " + (kind.equals("team") ? "team" : "specialty") + " of "
                                + value.length() + " characters; its pool key '" + kind + ":…' would have " + keyLength
                                + ", at most " + Routing.MAX_POOL_KEY_LENGTH + " can be stored";
                    }
                }
                if (message != null) {
                    int line = i + 1;
                    errors.add(translation == null
                            ? new RuleError(source.path(), line, null, null, message)
                            : new RuleError(source.path(), null, translation.sheetAt(line), translation.rowAt(line), message));
                }
            }
        }
    }

    /** Records where each rule is written: its DRL line, or its table's sheet and row. */
    private static void catalogue(RuleSource source, String drl, DecisionTableTranslator.Translation translation,
                                  Map<String, RuleOrigin> origins) {
        String pkg = CompiledRules.DEFAULT_PACKAGE;
        String[] lines = drl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher p = PACKAGE.matcher(lines[i]);
            if (p.find()) {
                pkg = p.group(1);
                continue;
            }
            Matcher r = RULE.matcher(lines[i]);
            if (r.find()) {
                String name = r.group(1) != null ? r.group(1).replace("\\\"", "\"") : r.group(2) != null ? r.group(2) : r.group(3);
                int line = i + 1;
                origins.put(CompiledRules.key(pkg, name), translation == null
                        ? RuleOrigin.drl(source.path(), line)
                        : RuleOrigin.table(source.path(), translation.sheetAt(line), translation.rowAt(line)));
            }
        }
    }

    /**
     * Locates one Drools error. An error in a rule's actions (Java compile problems) is reported at each problem's
     * own line: Drools keeps the consequence's DRL line numbers in the code it compiles.
     */
    private static List<RuleError> locate(KnowledgeBuilderError error,
                                          Map<String, DecisionTableTranslator.Translation> translations) {
        String file = error.getResource() != null ? error.getResource().getSourcePath() : null;
        int[] lines = error.getLines();
        Integer line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null;
        if (line == null && error instanceof DescrBuildError build && build.getParentDescr() instanceof RuleDescr rule
                && rule.getLine() > 0) {
            // Constraint analysis errors ("Unable to Analyse Expression ...") carry no line: use their rule's.
            line = rule.getLine();
        }
        String message = error.getMessage() == null ? "compile error" : error.getMessage().trim();
        DecisionTableTranslator.Translation translation = file == null ? null : translations.get(file);
        List<RuleError> located = new ArrayList<>();
        if (error instanceof DescrBuildError build && build.getObject() instanceof CompilationProblem[] problems
                && problems.length > 0) {
            RuleDescr rule = build.getParentDescr() instanceof RuleDescr descr ? descr : null;
            String prefix = rule == null ? "" : "rule \"" + rule.getName() + "\": ";
            for (CompilationProblem problem : problems) {
                located.add(at(file, translation, consequenceLine(rule, problem, line), prefix + problem.getMessage()));
            }
            return located;
        }
        located.add(at(file, translation, line, message));
        return located;
    }

    /**
     * The DRL line of a Java compile problem in a rule's actions. Drools' rule class template writes the imports on one
     * line so that its {@value #CONSEQUENCE_THEN_LINE}th generated line is the rule's {@code then}: the consequence
     * keeps its line numbers (CompileErrorWordingTest pins this). A line outside the consequence falls back to the rule's.
     */
    private static Integer consequenceLine(RuleDescr rule, CompilationProblem problem, Integer ruleLine) {
        if (rule == null || rule.getConsequenceLine() <= 0 || problem.getStartLine() < CONSEQUENCE_THEN_LINE) {
            return ruleLine;
        }
        return rule.getConsequenceLine() + problem.getStartLine() - CONSEQUENCE_THEN_LINE;
    }

    private static RuleError at(String file, DecisionTableTranslator.Translation translation, Integer line, String message) {
        if (translation != null) {
            // A line of generated DRL means nothing to a table's author: give the sheet, row and cell instead.
            return DecisionTableErrors.located(file, translation, line, message);
        }
        return new RuleError(file, line, null, null, message);
    }

    /**
     * Drools adds "Parser returned a null Package" after every parser error of a file: it says nothing the first
     * error does not, so it is dropped where the file has another error and worded where it stands alone.
     */
    private static List<RuleError> withoutParserEcho(List<RuleError> errors) {
        List<RuleError> kept = new ArrayList<>();
        for (RuleError error : errors) {
            boolean echo = error.message().contains("Parser returned a null Package");
            if (!echo) {
                kept.add(error);
            } else if (errors.stream().noneMatch(other -> other != error && java.util.Objects.equals(other.file(), error.file())
                    && !other.message().contains("Parser returned a null Package"))) {
                kept.add(new RuleError(error.file(), error.line(), error.sheet(), error.row(),
                        "the file cannot be read as rules (DRL)"));
            }
        }
        return kept;
    }

    private static boolean checkRoutingGlobal(KieBase kieBase) {
        boolean declared = false;
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Global global : pkg.getGlobalVariables()) {
                if (ROUTING_GLOBAL.equals(global.getName())) {
                    if (!Routing.class.getName().equals(global.getType())) {
                        throw new RuleCompilationException(List.of(new RuleError(null, null, null, null,
                                "package " + pkg.getName() + " declares global '" + ROUTING_GLOBAL + "' as "
                                        + global.getType() + "; it must be " + Routing.class.getName())));
                    }
                    declared = true;
                }
            }
        }
        return declared;
    }
}
