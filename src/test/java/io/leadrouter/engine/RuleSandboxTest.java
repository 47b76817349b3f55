package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilePermission;
import java.net.ServerSocket;
import java.net.SocketPermission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.PropertyPermission;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15 item 2, the run-time guard: a rule whose text passes the compile-time name check but calls library code
 * that stops the JVM, writes a file, opens a socket or starts a process is refused at the call; the lead's evaluation
 * fails with the reason in words (so it goes to the fallback queue) and the rule is reported like a compile error.
 * Without the guard, the first test ends this JVM (surefire reports the fork as crashed).
 */
class RuleSandboxTest {

    @TempDir
    Path dir;

    private static CompiledRules compile(String then) {
        String drl = """
                package t;
                import io.leadrouter.domain.*;
                import io.leadrouter.rules.HostileLibrary;
                global Routing routing;

                rule "HOST-1 calls a library"
                when
                    Lead(id == "hostile")
                then
                    %s
                    routing.routeToQueue("Reached");
                end

                rule "OK-1 anything else"
                when
                    Lead(id == "ok")
                then
                    routing.routeToQueue("Fine");
                end
                """.formatted(then);
        return new RuleCompiler().compile(new RuleSourceSet(List.of(
                new RuleSource("rules/t.drl", drl.getBytes(StandardCharsets.UTF_8)))));
    }

    private static Lead lead(String id) {
        Lead lead = new Lead();
        lead.setId(id);
        return lead;
    }

    @Test
    void aRuleCallingCodeThatStopsTheJvmIsRefusedAndTheServiceGoesOn() {
        assertTrue(RuleSandbox.guarded(), "this JVM accepts the guard");
        CompiledRules rules = compile("HostileLibrary.stopTheService();");

        Evaluation evaluation = rules.evaluate(lead("hostile"), List.of());

        assertTrue(evaluation.failed());
        assertEquals("rule 'HOST-1 calls a library' tried to stop the service, which rules may not do (docs/security.md,"
                + " \"What a rule may do\"); the call was refused", evaluation.failure());
        assertNull(evaluation.routing().getTarget(), "the consequence stopped at the refused call");
        RuleError reported = rules.refusals().get(0);
        assertEquals("rules/t.drl", reported.file());
        assertEquals(6, reported.line());
        assertEquals("queue Fine", rules.evaluate(lead("ok"), List.of()).routing().getTarget().toString());
    }

    @Test
    void aRuleCannotWriteAFileButTheServiceStillCan() throws Exception {
        Path target = dir.resolve("from-a-rule.txt");
        CompiledRules rules = compile("HostileLibrary.writeFile(\"" + target.toString().replace("\\", "/") + "\");");

        Evaluation evaluation = rules.evaluate(lead("hostile"), List.of());

        assertTrue(evaluation.failure().contains("tried to write or delete a file (" + target + ")"), evaluation.failure());
        assertFalse(Files.exists(target));
        Files.writeString(target, "the service's own thread may");
        assertTrue(Files.exists(target));
    }

    @Test
    void aRuleCannotOpenASocketOrStartAProcess() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            Evaluation connect = compile("HostileLibrary.connect(" + listening.getLocalPort() + ");")
                    .evaluate(lead("hostile"), List.of());
            assertTrue(connect.failure().contains("tried to open or look up a network connection"), connect.failure());
        }
        Evaluation process = compile("HostileLibrary.startProcess();").evaluate(lead("hostile"), List.of());
        assertTrue(process.failure().contains("tried to start a process"), process.failure());
    }

    @Test
    void aRuleThatCatchesTheRefusalStillFailsItsEvaluation() {
        CompiledRules rules = compile("boolean stopped = HostileLibrary.stopTheServiceQuietly();");

        Evaluation evaluation = rules.evaluate(lead("hostile"), List.of());

        assertTrue(evaluation.failed(), "the rule went on to route the lead, but it tried to stop the service");
        assertTrue(evaluation.failure().startsWith("rule 'HOST-1 calls a library' tried to stop the service"),
                evaluation.failure());
    }

    /**
     * Quarkus starts the application in a class loader of its own (in dev mode, a new one on every restart, and in
     * tests one per profile), while the JVM keeps the first guard installed: a copy of the guard class from another
     * loader must find that guard and mark its threads through it. In CI, without this, the JVM exited in the test
     * above, after @QuarkusTest classes had installed their copy.
     */
    @Test
    void aCopyOfTheGuardFromAnotherClassLoaderGuardsThroughTheInstalledOne() throws Exception {
        assertTrue(RuleSandbox.guarded());
        try (ChildFirst copy = new ChildFirst(RuleSandbox.class)) {
            Class<?> sandbox = Class.forName(RuleSandbox.class.getName(), true, copy);
            assertNotSame(RuleSandbox.class, sandbox, "a second copy of the class");
            java.lang.reflect.Method guarded = sandbox.getDeclaredMethod("guarded");
            guarded.setAccessible(true);
            assertEquals(true, guarded.invoke(null), "the copy finds the installed guard");
            java.lang.reflect.Method run = sandbox.getDeclaredMethod("run", java.util.function.Supplier.class,
                    java.util.function.Supplier.class);
            run.setAccessible(true);
            java.util.function.Supplier<Object> exit = () -> {
                io.leadrouter.rules.HostileLibrary.stopTheService();
                return null;
            };
            java.util.function.Supplier<Object> site = () -> "here";
            Object outcome = run.invoke(null, exit, site);
            java.lang.reflect.Method refused = outcome.getClass().getDeclaredMethod("refused");
            refused.setAccessible(true);
            SecurityException refusal = (SecurityException) refused.invoke(outcome);
            assertEquals("rules may not stop the service", refusal.getMessage());
        }
    }

    /** Loads the guard's classes itself (child first), everything else from the test's class loader. */
    private static final class ChildFirst extends java.net.URLClassLoader {
        private final String prefix;

        ChildFirst(Class<?> type) {
            super(new java.net.URL[]{type.getProtectionDomain().getCodeSource().getLocation()}, type.getClassLoader());
            this.prefix = type.getName();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(prefix)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

    @Test
    void whatRulesMayNotDoIsSaidInWords() {
        assertEquals("write or delete a file (/etc/passwd)", RuleSandbox.forbidden(new FilePermission("/etc/passwd", "write")));
        assertNull(RuleSandbox.forbidden(new FilePermission("/opt/app/lib/x.jar", "read")), "class loading reads jars");
        assertEquals("open or look up a network connection (example.com:443)",
                RuleSandbox.forbidden(new SocketPermission("example.com:443", "connect")));
        assertNull(RuleSandbox.forbidden(new PropertyPermission("mvel.debugger", "write")), "MVEL sets its own");
        assertEquals("stop the service", RuleSandbox.forbidden(new RuntimePermission("exitVM.0")));
        assertNull(RuleSandbox.forbidden(new RuntimePermission("accessDeclaredMembers")), "MVEL reflects");
    }
}
