package io.leadrouter.rules;

import io.leadrouter.domain.Lead;
import io.leadrouter.engine.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static io.leadrouter.domain.RoutingTarget.Kind.TEAM;
import static io.leadrouter.rules.ExampleRules.*;

/** One test per row of {@code decision-tables/territories.xlsx} (sheet "Territories", data from row 11). */
class TerritoriesTableTest {

    private static void routedTo(Consumer<Lead> facts, String id, int row, String team) {
        Evaluation e = route(lead(facts));
        assertTarget(e, TEAM, team, id);
        assertRow(fired(e, id), TERRITORIES, "Territories", row);
    }

    @Test
    void TERR_010_dach_enterprise_goes_to_dach_enterprise_team() {
        routedTo(l -> { l.setCountry("DE"); l.setEmployees(5000); }, "TERR-010", 11, ExampleRoster.DACH_ENTERPRISE);
        routedTo(l -> { l.setCountry("CH"); l.setEmployees(1000); }, "TERR-010", 11, ExampleRoster.DACH_ENTERPRISE);
    }

    @Test
    void TERR_020_dach_smb_mid_market_or_unknown_size_goes_to_dach_commercial_team() {
        routedTo(l -> { l.setCountry("AT"); l.setEmployees(50); }, "TERR-020", 12, ExampleRoster.DACH_COMMERCIAL);
        routedTo(l -> { l.setCountry("DE"); l.setEmployees(999); }, "TERR-020", 12, ExampleRoster.DACH_COMMERCIAL);
        routedTo(l -> l.setCountry("DE"), "TERR-020", 12, ExampleRoster.DACH_COMMERCIAL);
    }

    @Test
    void TERR_030_uk_and_ireland_go_to_uk_ireland_team() {
        routedTo(l -> l.setCountry("GB"), "TERR-030", 13, ExampleRoster.UK_IRELAND);
        routedTo(l -> l.setCountry("IE"), "TERR-030", 13, ExampleRoster.UK_IRELAND);
    }

    @Test
    void TERR_040_france_and_benelux_go_to_france_benelux_team() {
        routedTo(l -> l.setCountry("FR"), "TERR-040", 14, ExampleRoster.FRANCE_BENELUX);
        routedTo(l -> l.setCountry("LU"), "TERR-040", 14, ExampleRoster.FRANCE_BENELUX);
    }

    @Test
    void TERR_050_spain_portugal_italy_go_to_southern_europe_team() {
        routedTo(l -> l.setCountry("PT"), "TERR-050", 15, ExampleRoster.SOUTHERN_EUROPE);
    }

    @Test
    void TERR_060_us_east_coast_state_goes_to_north_america_east_team() {
        routedTo(l -> { l.setCountry("US"); l.setRegion("NY"); }, "TERR-060", 16, ExampleRoster.NA_EAST);
    }

    @Test
    void TERR_070_us_west_state_goes_to_north_america_west_team() {
        routedTo(l -> { l.setCountry("US"); l.setRegion("CA"); }, "TERR-070", 17, ExampleRoster.NA_WEST);
    }

    @Test
    void TERR_080_other_us_states_and_canada_go_to_north_america_east_team() {
        routedTo(l -> { l.setCountry("US"); l.setRegion("TX"); }, "TERR-080", 18, ExampleRoster.NA_EAST);
        routedTo(l -> l.setCountry("US"), "TERR-080", 18, ExampleRoster.NA_EAST);
        // Country CA is Canada; region CA (California) only means something with country US.
        routedTo(l -> { l.setCountry("CA"); l.setRegion("ON"); }, "TERR-080", 18, ExampleRoster.NA_EAST);
    }

    @Test
    void TERR_090_latin_america_goes_to_latam_team() {
        routedTo(l -> l.setCountry("BR"), "TERR-090", 19, ExampleRoster.LATAM);
    }

    @Test
    void TERR_100_asia_pacific_goes_to_apac_team() {
        routedTo(l -> l.setCountry("JP"), "TERR-100", 20, ExampleRoster.APAC);
    }
}
