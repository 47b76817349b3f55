package io.leadrouter.engine;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A rule cannot stop the JVM, start processes or threads, touch files or sockets, or use reflection (issue 15, item 2):
 * refused at compile time with the file and line, or the sheet and row of a table cell.
 */
class RuleCodePolicyTest {

    private static String rule(String imports, String then) {
        return "package t;\nimport io.leadrouter.domain.*;\n" + imports + "global Routing routing;\n\n"
                + "rule \"X-1 probe\"\nwhen\n    Lead()\nthen\n    " + then + "\nend\n";
    }

    private static List<RuleError> refused(String drl) {
        RuleCompilationException ex = assertThrows(RuleCompilationException.class, () -> new RuleCompiler().compile(
                new RuleSourceSet(List.of(new RuleSource("rules/t.drl", drl.getBytes(StandardCharsets.UTF_8))))));
        return ex.errors();
    }

    private static void compiles(String drl) {
        assertDoesNotThrow(() -> new RuleCompiler().compile(
                new RuleSourceSet(List.of(new RuleSource("rules/t.drl", drl.getBytes(StandardCharsets.UTF_8))))));
    }

    @Test
    void stoppingTheJvmIsRefusedAtItsLine() {
        List<RuleError> errors = refused(rule("", "System.exit(0);"));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("rules/t.drl", errors.get(0).file());
        assertEquals(9, errors.get(0).line());
        assertTrue(errors.get(0).message().startsWith("rule code may not use 'System', 'exit'"), errors.get(0).message());
        assertFalse(refused(rule("", "java.lang.Runtime.getRuntime().halt(0);")).isEmpty());
    }

    @Test
    void processesThreadsFilesSocketsAndReflectionAreRefused() {
        for (String then : List.of(
                "new ProcessBuilder(\"sh\").start();",
                "Runtime.getRuntime().exec(\"sh\");",
                "new Thread(() -> {}).start();",
                "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"x\");",
                "new java.io.FileOutputStream(\"/tmp/x\").close();",
                "new java.net.Socket(\"example.com\", 80);",
                "$l.getClass().getMethod(\"toString\").invoke($l);",
                "Class.forName(\"java.lang.Runtime\");",
                "java.util.concurrent.Executors.newSingleThreadExecutor();")) {
            assertFalse(refused(rule("", then)).isEmpty(), then);
        }
        List<RuleError> imported = refused(rule("import java.io.File;\n", "routing.addScore(1);"));
        assertEquals(3, imported.get(0).line(), imported.toString());
    }

    @Test
    void mvelConsequencesAreCheckedToo() {
        String drl = "package t;\nimport io.leadrouter.domain.*;\nglobal Routing routing;\n\n"
                + "rule \"X-2 mvel\" dialect \"mvel\"\nwhen\n    Lead()\nthen\n    System.exit(0);\nend\n";
        assertEquals(9, refused(drl).get(0).line());
    }

    @Test
    void namesInsideTextOrCommentsAndOrdinaryCodeAreFine() {
        compiles(rule("", "// System.exit(0) would stop the service: not allowed\n"
                + "    routing.routeToQueue(\"System integrators / Process & File team\");\n"
                + "    routing.addScore(Math.max(1, 2));\n"
                + "    java.time.Instant now = java.time.Instant.now();"));
        // A package (a table's RuleSet) names the rules' own namespace, whatever it is.
        compiles(rule("", "routing.addScore(1);").replace("package t;", "package io.leadrouter.bench.territories;"));
        // A sleeping rule is cut off by the evaluation's time budget, like a spinning one.
        compiles(rule("", "try { Thread.sleep(1); } catch (InterruptedException e) { }"));
    }

    @Test
    void aTableCellThatStopsTheJvmIsRefusedAtItsRow() throws Exception {
        byte[] workbook;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("Territories");
            String[][] rows = {
                    {"RuleSet", "io.leadrouter.rules"},
                    {"Import", "io.leadrouter.domain.Lead"},
                    {"Variables", "io.leadrouter.domain.Routing routing"},
                    {},
                    {"RuleTable Territories"},
                    {"NAME", "CONDITION", "ACTION"},
                    {"", "$lead : Lead", ""},
                    {"", "country == \"$param\"", "$param"},
                    {"Rule", "Country", "Action"},
                    {"T-1 ok", "DE", "routing.assignToTeam(\"DACH\");"},
                    {"T-2 hostile", "FR", "System.exit(0);"},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (!rows[r][c].isEmpty()) row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            workbook = out.toByteArray();
        }
        RuleCompilationException ex = assertThrows(RuleCompilationException.class, () -> new RuleCompiler().compile(
                new RuleSourceSet(List.of(new RuleSource("decision-tables/t.xlsx", workbook)))));
        RuleError error = ex.errors().get(0);
        assertEquals("Territories", error.sheet(), ex.getMessage());
        assertEquals(11, error.row(), ex.getMessage());
        assertTrue(error.message().contains("'System'"), error.message());
    }
}
