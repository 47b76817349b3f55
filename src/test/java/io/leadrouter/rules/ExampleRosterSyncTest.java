package io.leadrouter.rules;

import io.leadrouter.domain.Rep;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The SQL roster and {@link ExampleRoster} describe the same reps (whether the live roster serves every team the
 * rules name is the runtime lint's job, {@code GET /api/rules/lint}, not the build's). */
class ExampleRosterSyncTest {

    private static final Path SQL = Path.of("src/main/resources/db/example-roster/V100__example_roster.sql");
    private static final Pattern ROW = Pattern.compile(
            "\\(\\s*'([^']*)',\\s*'((?:[^']|'')*)',\\s*'([^']*)',\\s*'([^']*)',\\s*'([^']*)',\\s*'([^']*)',\\s*'([^']*)',"
                    + "\\s*'([^']*)',\\s*'([^']*)',\\s*(true|false),\\s*'([^']*)',\\s*(\\d+),\\s*(\\d+),\\s*(\\d+),\\s*'([^']*)',"
                    + "\\s*current_timestamp\\s*\\)");

    @Test
    void sql_and_java_roster_are_the_same() throws Exception {
        Matcher m = ROW.matcher(Files.readString(SQL));
        List<String> fromSql = new ArrayList<>();
        while (m.find()) {
            fromSql.add(String.join("|", m.group(1), m.group(2).replace("''", "'"), m.group(3), m.group(4),
                    sorted(m.group(5)), sorted(m.group(6)), sorted(m.group(7)), sorted(m.group(8)), m.group(9),
                    m.group(10), m.group(11), m.group(12), m.group(13), m.group(14), m.group(15)));
        }
        List<String> fromJava = ExampleRoster.all().stream().map(r -> String.join("|", r.getId(), r.getName(),
                r.getEmail(), r.getTeam(), sorted(r.getTerritories()), sorted(r.getIndustries()),
                sorted(r.getSegments().stream().map(Enum::name).toList()), sorted(r.getLanguages()), r.getTier().name(),
                String.valueOf(r.isActive()), r.getAvailability().name(), String.valueOf(r.getCapacity()),
                String.valueOf(r.getOpenLeads()), String.valueOf(r.getWeight()), r.getTimeZone())).toList();
        assertEquals(fromJava, fromSql);
    }

    @Test
    void roster_has_one_inactive_one_out_of_office_and_one_away_rep() {
        Map<String, Rep> reps = ExampleRoster.byId();
        assertFalse(reps.get("tom.baker").isActive());
        assertEquals(io.leadrouter.domain.Availability.OUT_OF_OFFICE, reps.get("jonas.weber").getAvailability());
        assertEquals(io.leadrouter.domain.Availability.AWAY, reps.get("sarah.lee").getAvailability());
        assertTrue(reps.values().stream().noneMatch(r -> r.getTimeZone() == null
                || !java.time.ZoneId.getAvailableZoneIds().contains(r.getTimeZone())), "valid time zones");
    }

    private static String sorted(String csv) {
        return csv.isEmpty() ? "" : sorted(List.of(csv.split(",")));
    }

    private static String sorted(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(","));
    }
}
