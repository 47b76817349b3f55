package io.leadrouter.reload;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static io.leadrouter.reload.RulesHotReloadTest.await;
import static io.leadrouter.reload.RulesHotReloadTest.ops;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The newcomer's story from the hot-reload issue, on the shipped workbook: change a row of territories.xlsx on disk
 * (as Excel or LibreOffice would save it) and the next lead routes by the new row, no restart; then break a row and
 * nothing changes but the status, which names the sheet and row.
 */
@QuarkusTest
@Tag("database")
@TestProfile(ShippedRulesProfile.class)
class ShippedTerritoriesEditTest {

    private static final Path TERRITORIES = ShippedRulesProfile.ROOT.resolve("decision-tables/territories.xlsx");
    private static final String UK_LEAD = "{\"id\":\"lead-uk-1\",\"country\":\"GB\",\"employees\":50}";

    private static Response routeUkLead() {
        return given().auth().preemptive().basic("ops", "dev-ops").contentType(ContentType.JSON)
                .queryParam("dryRun", true).body(UK_LEAD).post("/api/route");
    }

    @Test
    void editingARowOfTheShippedTerritoriesTableReroutesWithoutARestart() throws Exception {
        routeUkLead().then().statusCode(200);
        assertEquals("UK & Ireland", routeUkLead().jsonPath().getString("assignee.team"));

        // Sales ops move GB to the France & Benelux team: edit the last cell of the TERR-030 row and save.
        editRow("TERR-030", (row, last) -> last.setCellValue("France & Benelux"));
        Response rerouted = await(ShippedTerritoriesEditTest::routeUkLead,
                r -> "France & Benelux".equals(r.jsonPath().getString("assignee.team")), "the edited row to route");
        String editedVersion = rerouted.jsonPath().getString("rulesVersion");
        assertTrue(rerouted.jsonPath().getList("matchedRules.name", String.class).stream()
                .anyMatch(name -> name.startsWith("TERR-030")));

        // A typo in a segment cell: the edited version keeps serving, the status names the sheet and row.
        int brokenRow = editRow("TERR-030", (row, last) -> {
            Cell segment = row.getCell(last.getColumnIndex() - 1, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK);
            segment.setCellValue("ENTERPRIZE");
        });
        Response status = await(() -> ops().get("/api/rules"),
                r -> "failure".equals(r.jsonPath().getString("lastAttempt.outcome")), "the failed compile");
        assertEquals(editedVersion, status.jsonPath().getString("active.id"));
        List<Map<String, Object>> errors = status.jsonPath().getList("lastAttempt.errors");
        assertTrue(errors.stream().anyMatch(e -> String.valueOf(e.get("file")).endsWith("territories.xlsx")
                && "Territories".equals(e.get("sheet")) && Integer.valueOf(brokenRow).equals(e.get("row"))), errors::toString);
        assertEquals("France & Benelux", routeUkLead().jsonPath().getString("assignee.team"));
        assertEquals(editedVersion, routeUkLead().jsonPath().getString("rulesVersion"));
    }

    /** Edits the row whose first cell starts with the rule id; returns its 1-based row number. */
    private static int editRow(String ruleId, BiConsumer<Row, Cell> edit) throws IOException {
        byte[] edited;
        int rowNumber = -1;
        try (InputStream in = Files.newInputStream(TERRITORIES); Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                Cell first = row.getCell(row.getFirstCellNum());
                if (first != null && first.toString().startsWith(ruleId)) {
                    edit.accept(row, row.getCell(row.getLastCellNum() - 1));
                    rowNumber = row.getRowNum() + 1;
                }
            }
            assertTrue(rowNumber > 0, "row " + ruleId + " not found");
            var out = new java.io.ByteArrayOutputStream();
            workbook.write(out);
            edited = out.toByteArray();
        }
        // Write beside and rename, as office suites do, so the watcher never reads half a file.
        Path temp = TERRITORIES.resolveSibling("territories.xlsx.tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            out.write(edited);
        }
        Files.move(temp, TERRITORIES, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return rowNumber;
    }
}
