package io.leadrouter.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sales rep on the roster, as rule authors see it. Every field is documented in {@code rules/README.md}.
 * Read-only for rules: the roster is edited through the API, never by a rule.
 */
public class Rep {

    private String id;
    private String name;
    private String email;
    private String team;
    private Set<String> territories = Set.of();
    private Set<String> industries = Set.of();
    private Set<Segment> segments = Set.of();
    private Set<String> languages = Set.of();
    private Tier tier = Tier.MID;
    private boolean active = true;
    private Availability availability = Availability.AVAILABLE;
    private int capacity;
    private int openLeads;
    private int weight = 1;
    private String timeZone = "UTC";
    private LocalDate outOfOfficeUntil;
    private Map<DayOfWeek, List<TimeRange>> workingHours = Map.of();
    private String holidayRegion;
    private int dailyCap;
    private int weeklyCap;
    private List<ConditionalCap> conditionalCaps = List.of();

    /** Active, available, and below capacity (a capacity of 0 means unlimited): may receive a lead now. */
    public boolean isEligible() {
        return active && availability == Availability.AVAILABLE && !isAtCapacity();
    }

    /** True when the rep has a capacity and the open leads have reached it. */
    public boolean isAtCapacity() {
        return capacity > 0 && openLeads >= capacity;
    }

    /**
     * True when the rep covers the country, or the country-region pair (territory {@code "US-CA"} covers a lead with
     * country {@code US} and region {@code CA}). Territory {@code "*"} covers everywhere.
     */
    public boolean coversTerritory(String country, String region) {
        if (territories.contains("*")) {
            return true;
        }
        if (country == null) {
            return false;
        }
        String c = country.toUpperCase(Locale.ROOT);
        return territories.contains(c) || (region != null && territories.contains(c + "-" + region.toUpperCase(Locale.ROOT)));
    }

    /** True when the rep lists the industry or use case as a specialty (case-insensitive). */
    public boolean hasSpecialty(String industryOrUseCase) {
        return industryOrUseCase != null && industries.stream().anyMatch(industryOrUseCase::equalsIgnoreCase);
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getTeam() { return team; }
    public void setTeam(String team) { this.team = team; }
    public Set<String> getTerritories() { return territories; }
    public void setTerritories(Set<String> territories) { this.territories = territories == null ? Set.of() : Set.copyOf(territories); }
    public Set<String> getIndustries() { return industries; }
    public void setIndustries(Set<String> industries) { this.industries = industries == null ? Set.of() : Set.copyOf(industries); }
    public Set<Segment> getSegments() { return segments; }
    public void setSegments(Set<Segment> segments) { this.segments = segments == null ? Set.of() : Set.copyOf(segments); }
    public Set<String> getLanguages() { return languages; }
    public void setLanguages(Set<String> languages) { this.languages = languages == null ? Set.of() : Set.copyOf(languages); }
    public Tier getTier() { return tier; }
    public void setTier(Tier tier) { this.tier = tier; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public Availability getAvailability() { return availability; }
    public void setAvailability(Availability availability) { this.availability = availability; }
    public int getCapacity() { return capacity; }
    public void setCapacity(int capacity) { this.capacity = capacity; }
    public int getOpenLeads() { return openLeads; }
    public void setOpenLeads(int openLeads) { this.openLeads = openLeads; }
    public int getWeight() { return weight; }
    public void setWeight(int weight) { this.weight = weight; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    /** Last day of an absence, in the rep's time zone; from the day after, the rep takes leads again. */
    public LocalDate getOutOfOfficeUntil() { return outOfOfficeUntil; }
    public void setOutOfOfficeUntil(LocalDate outOfOfficeUntil) { this.outOfOfficeUntil = outOfOfficeUntil; }
    /** Working hours per weekday in the rep's time zone; empty means any time, a missing weekday means not that day. */
    public Map<DayOfWeek, List<TimeRange>> getWorkingHours() { return workingHours; }
    public void setWorkingHours(Map<DayOfWeek, List<TimeRange>> workingHours) { this.workingHours = workingHours == null ? Map.of() : Map.copyOf(workingHours); }
    /** Region whose public holidays the rep observes ({@code DE-BY}, {@code US}), or null for none. */
    public String getHolidayRegion() { return holidayRegion; }
    public void setHolidayRegion(String holidayRegion) { this.holidayRegion = holidayRegion; }
    /** Most leads per calendar day in the rep's time zone; 0 means no cap. */
    public int getDailyCap() { return dailyCap; }
    public void setDailyCap(int dailyCap) { this.dailyCap = dailyCap; }
    /** Most leads per week (Monday to Sunday) in the rep's time zone; 0 means no cap. */
    public int getWeeklyCap() { return weeklyCap; }
    public void setWeeklyCap(int weeklyCap) { this.weeklyCap = weeklyCap; }
    public List<ConditionalCap> getConditionalCaps() { return conditionalCaps; }
    public void setConditionalCaps(List<ConditionalCap> conditionalCaps) { this.conditionalCaps = conditionalCaps == null ? List.of() : List.copyOf(conditionalCaps); }
}
