package io.leadrouter.rules;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The example roster as {@link Rep} objects, for rule tests.
 *
 * <p>KEEP IN SYNC with {@code src/main/resources/db/example-roster/V100__example_roster.sql}: same ids, teams,
 * territories, specialties, segments, tiers, availability and capacity. {@link ExampleRosterSyncTest} compares them.
 */
public final class ExampleRoster {

    // Team names the rules and tables assign to.
    public static final String DACH_ENTERPRISE = "DACH Enterprise";
    public static final String DACH_COMMERCIAL = "DACH Commercial";
    public static final String UK_IRELAND = "UK & Ireland";
    public static final String FRANCE_BENELUX = "France & Benelux";
    public static final String SOUTHERN_EUROPE = "Southern Europe";
    public static final String NA_EAST = "North America East";
    public static final String NA_WEST = "North America West";
    public static final String LATAM = "LATAM";
    public static final String APAC = "APAC";
    public static final String STRATEGIC = "Strategic Accounts";
    public static final String PARTNER = "Partner";
    public static final String ACCOUNT_MANAGEMENT = "Account Management";
    public static final String SPECIALISTS = "Industry Specialists";

    private ExampleRoster() {
    }

    /** Every rep, in the order of the SQL file. A fresh list of fresh objects on every call. */
    public static List<Rep> all() {
        return List.of(
                rep("anna.schmidt", "Anna Schmidt", DACH_ENTERPRISE, "DE,AT,CH", "", "ENTERPRISE", "de,en", Tier.SENIOR, true, Availability.AVAILABLE, 25, 8, 2, "Europe/Berlin"),
                rep("jonas.weber", "Jonas Weber", DACH_ENTERPRISE, "DE,AT,CH", "Manufacturing", "ENTERPRISE", "de,en", Tier.MID, true, Availability.OUT_OF_OFFICE, 25, 3, 1, "Europe/Berlin"),
                rep("lena.fischer", "Lena Fischer", DACH_COMMERCIAL, "DE,AT,CH", "", "SMB,MID_MARKET", "de,en", Tier.JUNIOR, true, Availability.AVAILABLE, 40, 12, 1, "Europe/Vienna"),
                rep("max.bauer", "Max Bauer", DACH_COMMERCIAL, "DE,AT,CH", "", "SMB,MID_MARKET", "de,en", Tier.SENIOR, true, Availability.AVAILABLE, 30, 10, 1, "Europe/Zurich"),
                rep("oliver.hughes", "Oliver Hughes", UK_IRELAND, "GB,IE", "", "SMB,MID_MARKET,ENTERPRISE", "en", Tier.SENIOR, true, Availability.AVAILABLE, 30, 10, 1, "Europe/London"),
                rep("chloe.evans", "Chloe Evans", UK_IRELAND, "GB,IE", "", "SMB,MID_MARKET", "en", Tier.MID, true, Availability.AVAILABLE, 35, 12, 2, "Europe/Dublin"),
                rep("camille.martin", "Camille Martin", FRANCE_BENELUX, "FR,BE,NL,LU", "", "SMB,MID_MARKET,ENTERPRISE", "fr,nl,en", Tier.SENIOR, true, Availability.AVAILABLE, 30, 9, 1, "Europe/Paris"),
                rep("lucia.garcia", "Lucía García", SOUTHERN_EUROPE, "ES,PT,IT", "", "SMB,MID_MARKET,ENTERPRISE", "es,pt,it,en", Tier.SENIOR, true, Availability.AVAILABLE, 30, 7, 1, "Europe/Madrid"),
                rep("mike.johnson", "Mike Johnson", NA_EAST, "US-NY,US-NJ,US-MA,US-PA,US-FL,US-GA,CA", "", "MID_MARKET,ENTERPRISE", "en", Tier.SENIOR, true, Availability.AVAILABLE, 30, 14, 2, "America/New_York"),
                rep("sarah.lee", "Sarah Lee", NA_EAST, "US-NY,US-NJ,US-MA,US-PA,US-FL,US-GA,CA", "", "SMB,MID_MARKET", "en", Tier.JUNIOR, true, Availability.AWAY, 40, 5, 1, "America/New_York"),
                rep("emily.chen", "Emily Chen", NA_WEST, "US-CA,US-WA,US-OR,US-NV,US-AZ,US-CO,US-UT", "Software", "SMB,MID_MARKET,ENTERPRISE", "en,zh", Tier.SENIOR, true, Availability.AVAILABLE, 30, 11, 1, "America/Los_Angeles"),
                rep("diego.silva", "Diego Silva", LATAM, "MX,BR,AR,CL,CO,PE", "", "SMB,MID_MARKET,ENTERPRISE", "es,pt,en", Tier.SENIOR, true, Availability.AVAILABLE, 30, 6, 1, "America/Sao_Paulo"),
                rep("hiro.tanaka", "Hiro Tanaka", APAC, "AU,NZ,SG,JP,IN", "", "SMB,MID_MARKET,ENTERPRISE", "ja,en", Tier.SENIOR, true, Availability.AVAILABLE, 30, 4, 1, "Asia/Tokyo"),
                rep("victoria.brooks", "Victoria Brooks", STRATEGIC, "*", "", "ENTERPRISE", "en,de", Tier.SENIOR, true, Availability.AVAILABLE, 10, 3, 1, "Europe/London"),
                rep("paul.novak", "Paul Novak", PARTNER, "*", "", "SMB,MID_MARKET,ENTERPRISE", "en,cs", Tier.SENIOR, true, Availability.AVAILABLE, 0, 15, 1, "Europe/Prague"),
                rep("grace.kim", "Grace Kim", ACCOUNT_MANAGEMENT, "*", "", "SMB,MID_MARKET,ENTERPRISE", "en,ko", Tier.SENIOR, true, Availability.AVAILABLE, 50, 20, 1, "America/Chicago"),
                rep("nina.patel", "Nina Patel", SPECIALISTS, "*", "Healthcare,Life Sciences", "MID_MARKET,ENTERPRISE", "en,hi", Tier.SENIOR, true, Availability.AVAILABLE, 20, 6, 1, "America/Chicago"),
                rep("marcus.wright", "Marcus Wright", SPECIALISTS, "*", "Financial Services,Data residency", "MID_MARKET,ENTERPRISE", "en,de", Tier.SENIOR, true, Availability.AVAILABLE, 20, 9, 1, "Europe/Berlin"),
                rep("tom.baker", "Tom Baker", SPECIALISTS, "*", "Healthcare", "SMB,MID_MARKET", "en", Tier.JUNIOR, false, Availability.AVAILABLE, 20, 0, 1, "Europe/London"));
    }

    /** The reps by id. */
    public static Map<String, Rep> byId() {
        return all().stream().collect(Collectors.toMap(Rep::getId, r -> r, (a, b) -> a, LinkedHashMap::new));
    }

    /** The roster with the listed reps removed (to test what happens when nobody of a kind can take leads). */
    public static List<Rep> without(String... ids) {
        Set<String> drop = Set.of(ids);
        return all().stream().filter(r -> !drop.contains(r.getId())).toList();
    }

    private static Rep rep(String id, String name, String team, String territories, String industries, String segments,
                           String languages, Tier tier, boolean active, Availability availability, int capacity,
                           int openLeads, int weight, String timeZone) {
        Rep r = new Rep();
        r.setId(id);
        r.setName(name);
        r.setEmail(id + "@example.com");
        r.setTeam(team);
        r.setTerritories(split(territories));
        r.setIndustries(split(industries));
        r.setSegments(split(segments).stream().map(Segment::valueOf).collect(Collectors.toSet()));
        r.setLanguages(split(languages));
        r.setTier(tier);
        r.setActive(active);
        r.setAvailability(availability);
        r.setCapacity(capacity);
        r.setOpenLeads(openLeads);
        r.setWeight(weight);
        r.setTimeZone(timeZone);
        return r;
    }

    static Set<String> split(String csv) {
        return csv.isEmpty() ? Set.of() : Arrays.stream(csv.split(",")).collect(Collectors.toSet());
    }
}
