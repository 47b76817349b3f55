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

/** The SQL roster and {@link ExampleRoster} describe the same reps, and cover every team the rules name. */
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
    void roster_covers_every_team_and_specialty_the_rules_name_with_an_eligible_senior() throws Exception {
        Set<String> named = new TreeSet<>();
        Pattern team = Pattern.compile("assignToTeam\\(\"([^\"]+)\"\\)");
        Pattern spec = Pattern.compile("assignToSpecialists\\(\"([^\"]+)\"\\)");
        try (var files = Files.list(Path.of("rules"))) {
            for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                String text = Files.readString(drl);
                team.matcher(text).results().forEach(r -> named.add("team:" + r.group(1)));
                spec.matcher(text).results().forEach(r -> named.add("specialty:" + r.group(1)));
            }
        }
        // Team names the tables assign to (the territory table's "Assign to team" column).
        named.addAll(List.of("team:" + ExampleRoster.DACH_ENTERPRISE, "team:" + ExampleRoster.DACH_COMMERCIAL,
                "team:" + ExampleRoster.UK_IRELAND, "team:" + ExampleRoster.FRANCE_BENELUX,
                "team:" + ExampleRoster.SOUTHERN_EUROPE, "team:" + ExampleRoster.NA_EAST, "team:" + ExampleRoster.NA_WEST,
                "team:" + ExampleRoster.LATAM, "team:" + ExampleRoster.APAC));
        List<Rep> roster = ExampleRoster.all();
        for (String target : named) {
            String value = target.substring(target.indexOf(':') + 1);
            List<Rep> pool = roster.stream().filter(Rep::isEligible)
                    .filter(r -> target.startsWith("team:") ? value.equals(r.getTeam()) : r.hasSpecialty(value)).toList();
            assertFalse(pool.isEmpty(), "no eligible rep for " + target);
            assertTrue(pool.stream().anyMatch(r -> r.getTier() == io.leadrouter.domain.Tier.SENIOR),
                    "no eligible SENIOR rep for " + target + " (VALUE-010 would empty the pool)");
        }
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
