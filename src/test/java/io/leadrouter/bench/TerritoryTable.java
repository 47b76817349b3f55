package io.leadrouter.bench;

import io.leadrouter.domain.Segment;
import io.leadrouter.engine.RuleSource;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded territory/segment decision table of N rows, as sales ops would write it: specific rows (state, segment,
 * industry, lead source, a minimum company size) first, then one row per country, then a catch-all. The first
 * matching row wins: in Drools each row gets a salience that descends with the row and all rows share one
 * activation-group, so exactly one row fires.
 */
public final class TerritoryTable {

    public static final String ACTIVATION_GROUP = "territory";
    private static final int[] SIZE_THRESHOLDS = {250, 500, 2_000, 5_000, 10_000};

    private final List<TerritoryRow> rows;

    private TerritoryTable(List<TerritoryRow> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<TerritoryRow> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    /** The same table with row {@code index}'s team replaced: a one-cell edit, as sales ops make (the soak's reloads). */
    public TerritoryTable withTeam(int index, String team) {
        List<TerritoryRow> edited = new ArrayList<>(rows);
        TerritoryRow row = edited.get(index);
        edited.set(index, new TerritoryRow(row.name(), row.country(), row.region(), row.segment(), row.industry(),
                row.source(), row.minEmployees(), team));
        return new TerritoryTable(edited);
    }

    /** @param size total rows, at least one per country plus the catch-all */
    public static TerritoryTable generate(int size, long seed) {
        List<String> countries = LeadCorpus.COUNTRIES.values();
        int general = countries.size() + 1;
        if (size < general) {
            throw new IllegalArgumentException("a table needs at least " + general + " rows, one per country and a catch-all");
        }
        Random random = new Random(seed);
        List<String> industries = LeadCorpus.INDUSTRIES.values();
        List<String> sources = LeadCorpus.SOURCES.values();
        Segment[] segments = Segment.values();
        Set<List<Object>> seen = new HashSet<>();
        List<TerritoryRow> specific = new ArrayList<>();
        long attempts = 0;
        while (specific.size() < size - general) {
            if (++attempts > 1_000L * size) {
                throw new IllegalStateException("could not draw " + (size - general) + " distinct rows");
            }
            // Half the rows follow lead volume (the US gets most territories), half are spread evenly.
            String country = random.nextBoolean() ? LeadCorpus.COUNTRIES.pick(random) : countries.get(random.nextInt(countries.size()));
            String region = null;
            Segment segment = null;
            String industry = null;
            String source = null;
            Integer min = null;
            int shape = random.nextInt(100);
            if (shape < 30) {
                region = LeadCorpus.regionOf(country, random);
                segment = segments[random.nextInt(segments.length)];
                industry = industries.get(random.nextInt(industries.size()));
            } else if (shape < 45) {
                region = LeadCorpus.regionOf(country, random);
                segment = segments[random.nextInt(segments.length)];
            } else if (shape < 60) {
                segment = segments[random.nextInt(segments.length)];
                industry = industries.get(random.nextInt(industries.size()));
            } else if (shape < 70) {
                segment = Segment.ENTERPRISE;
                min = SIZE_THRESHOLDS[random.nextInt(SIZE_THRESHOLDS.length)];
            } else if (shape < 80) {
                region = LeadCorpus.regionOf(country, random);
                industry = industries.get(random.nextInt(industries.size()));
            } else {
                industry = industries.get(random.nextInt(industries.size()));
                source = sources.get(random.nextInt(sources.size()));
            }
            List<Object> key = java.util.Arrays.asList(country, region, segment, industry, source, min);
            if (seen.add(key)) {
                specific.add(new TerritoryRow(null, country, region, segment, industry, source, min, null));
            }
        }
        // Most specific first, as sales ops order a table; within equal specificity, larger minimum sizes first so no
        // size row is shadowed by a smaller one. Ties keep their drawing order (the sort is stable).
        specific.sort(Comparator.comparingInt(TerritoryRow::specificity).reversed()
                .thenComparing(r -> r.minEmployees() == null ? 0 : -r.minEmployees()));
        List<TerritoryRow> ordered = new ArrayList<>(specific);
        for (String country : countries) {
            ordered.add(new TerritoryRow(null, country, null, null, null, null, null, null));
        }
        ordered.add(new TerritoryRow(null, null, null, null, null, null, null, null));
        List<TerritoryRow> named = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            TerritoryRow r = ordered.get(i);
            String name = String.format("T-%05d", i + 1);
            // One team per row, so any difference in which row matched shows up as a different decision.
            String team = (r.country() == null ? "Global" : r.country()) + " team " + (i + 1);
            named.add(new TerritoryRow(name, r.country(), r.region(), r.segment(), r.industry(), r.source(), r.minEmployees(), team));
        }
        return new TerritoryTable(named);
    }

    // ---- Drools decision-table layout ---------------------------------------------------------------------------

    private static final String[] HEADER_KEYWORDS = {"NAME", "PRIORITY", "ACTIVATION-GROUP",
            "CONDITION", "CONDITION", "CONDITION", "CONDITION", "CONDITION", "CONDITION", "ACTION"};
    private static final String[] TEMPLATES = {"", "", "",
            "country == \"$param\"", "region == \"$param\"", "segment == Segment.$param", "industry == \"$param\"",
            "source == \"$param\"", "employees >= $param", "routing.assignToTeam(\"$param\");"};
    private static final String[] TITLES = {"Row", "Salience", "Group", "Country", "Region", "Segment", "Industry",
            "Source", "Min employees", "Team"};
    private static final int FIRST_CONDITION = 3;
    private static final int LAST_CONDITION = 8;

    private List<String[]> cells() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"RuleSet", "io.leadrouter.bench.territories"});
        lines.add(new String[]{"Import", "io.leadrouter.domain.Lead, io.leadrouter.domain.Segment"});
        lines.add(new String[]{"Variables", "io.leadrouter.domain.Routing routing"});
        lines.add(new String[]{""});
        lines.add(new String[]{"RuleTable Territories"});
        lines.add(HEADER_KEYWORDS.clone());
        String[] objectTypes = new String[HEADER_KEYWORDS.length];
        java.util.Arrays.fill(objectTypes, "");
        objectTypes[FIRST_CONDITION] = "Lead";
        lines.add(objectTypes);
        lines.add(TEMPLATES.clone());
        lines.add(TITLES.clone());
        int salience = rows.size();
        for (TerritoryRow r : rows) {
            lines.add(new String[]{r.name(), Integer.toString(salience--), ACTIVATION_GROUP,
                    text(r.country()), text(r.region()), r.segment() == null ? "" : r.segment().name(), text(r.industry()),
                    text(r.source()), r.minEmployees() == null ? "" : r.minEmployees().toString(), r.team()});
        }
        return lines;
    }

    /** The ObjectType row of a merged "Lead" cell spans every condition column: one Lead pattern per rule. */
    public byte[] toXlsx() {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
            Sheet sheet = workbook.createSheet("Territories");
            List<String[]> lines = cells();
            for (int i = 0; i < lines.size(); i++) {
                Row row = sheet.createRow(i);
                String[] values = lines.get(i);
                for (int c = 0; c < values.length; c++) {
                    // Blank cells are created too: the Drools reader skips missing cells, merged ones included.
                    if (values[c].isEmpty()) {
                        row.createCell(c);
                    } else {
                        row.createCell(c).setCellValue(values[c]);
                    }
                }
            }
            sheet.addMergedRegion(new CellRangeAddress(6, 6, FIRST_CONDITION, LAST_CONDITION));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same table as CSV. CSV cannot merge the ObjectType cell, so Drools writes one {@code Lead(...)} pattern per
     * filled-in condition: the same decisions, a different network. The benchmarks use the XLSX form.
     */
    public byte[] toCsv() {
        StringBuilder csv = new StringBuilder();
        List<String[]> lines = cells();
        for (int c = FIRST_CONDITION + 1; c <= LAST_CONDITION; c++) {
            lines.get(6)[c] = "Lead";
        }
        for (String[] values : lines) {
            for (int c = 0; c < values.length; c++) {
                if (c > 0) csv.append(',');
                csv.append('"').append(values[c].replace("\"", "\"\"")).append('"');
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    public RuleSource xlsxSource() {
        return new RuleSource("decision-tables/territories-" + rows.size() + ".xlsx", toXlsx());
    }

    public RuleSource csvSource() {
        return new RuleSource("decision-tables/territories-" + rows.size() + ".csv", toCsv());
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
