package io.leadrouter.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** "Unable to Analyse Expression" errors come without a line from Drools: they get their rule's line. */
class ConstraintErrorLocationTest {

    @Test
    void badEnumConstantInAConstraintIsLocatedAtItsRule() {
        String drl = """
                package t;
                import io.leadrouter.domain.*;
                global Routing routing;

                rule "X-1 typo"
                when
                    Lead(segment == Segment.ENTERPRIZE)
                then
                    routing.addScore(1);
                end
                """;
        RuleCompilationException ex = assertThrows(RuleCompilationException.class, () -> new RuleCompiler().compile(
                new RuleSourceSet(List.of(new RuleSource("rules/t.drl", drl.getBytes(StandardCharsets.UTF_8))))));
        RuleError error = ex.errors().get(0);
        assertEquals("rules/t.drl", error.file());
        assertEquals(5, error.line(), ex.getMessage());
        assertTrue(error.message().contains("ENTERPRIZE"), error.message());
    }
}
