package io.leadrouter.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
    // Performance figures (lifecycle events, see rules/README.md): leads assigned in the window, by the day assigned.
    private int assignedLeads30d;
    private int assignedLeads90d;
    private int convertedLeads90d;
    private double conversionRate30d;
    private double conversionRate90d;
    private Duration medianFirstTouch7d;
    private Duration medianFirstTouch30d;
    private Duration p90FirstTouch30d;
    private int slaBreaches7d;
    private int slaBreaches30d;
    private long wonAmount90d;
    /** Set by {@link #checkAvailability} for one evaluation; {@code ""} means available. */
    private String unavailableBecause;

    /**
     * What rules can know at evaluation time: the rep is active, not away or out of office (by status or by a dated
     * absence), not on a public holiday of their region, within their working hours, and below capacity. The
     * distribution step checks this again and adds what depends on the pool the rules chose: daily, weekly and
     * conditional caps and the tier a rule required ({@code distribution/Eligibility}). Routing evaluates it at the time
     * of the route ({@link #checkAvailability}); a rep built outside routing is checked against the current time
     * without holidays.
     */
    public boolean isEligible() {
        return getUnavailableBecause() == null;
    }

    /**
     * Why {@link #isEligible()} is false ({@code "away"}, {@code "out of office until 2026-03-02"},
     * {@code "outside working hours (…)"}, {@code "at capacity (…)"}), or null when the rep is eligible.
     */
    public String getUnavailableBecause() {
        if (unavailableBecause == null) {
            return unavailability(Instant.now(), Map.of());
        }
        return unavailableBecause.isEmpty() ? null : unavailableBecause;
    }

    /**
     * Fixes {@link #isEligible()} for one evaluation at {@code now}.
     *
     * @param holidays holiday dates by region code (upper-case)
     */
    public void checkAvailability(Instant now, Map<String, Set<LocalDate>> holidays) {
        String reason = unavailability(now, holidays);
        this.unavailableBecause = reason == null ? "" : reason;
    }

    /**
     * The one definition of "may take a lead at {@code now}, whichever pool": the first reason that stops it, or null.
     * Checked in this order: inactive, out of office, away, holiday, outside working hours, at capacity.
     */
    public String unavailability(Instant now, Map<String, Set<LocalDate>> holidays) {
        ZoneId zone = zone();
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        if (!active) {
            return "inactive";
        }
        LocalDate until = outOfOfficeUntil;
        boolean awayUntilLater = until != null && !today.isAfter(until);
        if (availability == Availability.OUT_OF_OFFICE && (until == null || awayUntilLater)) {
            return until == null ? "out of office" : "out of office until " + until;
        }
        if (awayUntilLater) {
            return "out of office until " + until;
        }
        if (availability == Availability.AWAY) {
            return "away";
        }
        if (holidayRegion != null) {
            String region = holidayRegion.toUpperCase(Locale.ROOT);
            if (holidays.getOrDefault(region, Set.of()).contains(today)) {
                return "holiday in " + region + " on " + today;
            }
        }
        if (!workingHours.isEmpty() && workingHours.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .noneMatch(r -> r.contains(local.toLocalTime()))) {
            return "outside working hours (" + local.getDayOfWeek() + " "
                    + local.toLocalTime().withSecond(0).withNano(0) + " " + zone.getId() + ")";
        }
        if (isAtCapacity()) {
            return "at capacity (" + openLeads + "/" + capacity + " open leads)";
        }
        return null;
    }

    /** The rep's time zone; UTC when unset or unknown. */
    public ZoneId zone() {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
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

    // ---- Performance figures: set by the service from lifecycle events before each evaluation ----------------------

    /** Leads assigned to the rep in the last 30 days. */
    public int getAssignedLeads30d() { return assignedLeads30d; }
    public void setAssignedLeads30d(int assignedLeads30d) { this.assignedLeads30d = assignedLeads30d; }
    /** Leads assigned to the rep in the last 90 days. */
    public int getAssignedLeads90d() { return assignedLeads90d; }
    public void setAssignedLeads90d(int assignedLeads90d) { this.assignedLeads90d = assignedLeads90d; }
    /** Of the leads assigned in the last 90 days, how many converted while the rep had them. */
    public int getConvertedLeads90d() { return convertedLeads90d; }
    public void setConvertedLeads90d(int convertedLeads90d) { this.convertedLeads90d = convertedLeads90d; }
    /** Converted ÷ assigned over the leads assigned in the last 30 days; 0 without leads. */
    public double getConversionRate30d() { return conversionRate30d; }
    public void setConversionRate30d(double conversionRate30d) { this.conversionRate30d = conversionRate30d; }
    /** Converted ÷ assigned over the leads assigned in the last 90 days; 0 without leads. */
    public double getConversionRate90d() { return conversionRate90d; }
    public void setConversionRate90d(double conversionRate90d) { this.conversionRate90d = conversionRate90d; }
    /** Median working time from assignment to first touch, leads of the last 7 days; null when none was touched. */
    public Duration getMedianFirstTouch7d() { return medianFirstTouch7d; }
    public void setMedianFirstTouch7d(Duration medianFirstTouch7d) { this.medianFirstTouch7d = medianFirstTouch7d; }
    /** Like {@link #getMedianFirstTouch7d()} over 30 days. */
    public Duration getMedianFirstTouch30d() { return medianFirstTouch30d; }
    public void setMedianFirstTouch30d(Duration medianFirstTouch30d) { this.medianFirstTouch30d = medianFirstTouch30d; }
    /** 90th percentile of the time to first touch, leads of the last 30 days; null when none was touched. */
    public Duration getP90FirstTouch30d() { return p90FirstTouch30d; }
    public void setP90FirstTouch30d(Duration p90FirstTouch30d) { this.p90FirstTouch30d = p90FirstTouch30d; }
    /** SLA breaches on leads assigned in the last 7 days. */
    public int getSlaBreaches7d() { return slaBreaches7d; }
    public void setSlaBreaches7d(int slaBreaches7d) { this.slaBreaches7d = slaBreaches7d; }
    /** SLA breaches on leads assigned in the last 30 days. */
    public int getSlaBreaches30d() { return slaBreaches30d; }
    public void setSlaBreaches30d(int slaBreaches30d) { this.slaBreaches30d = slaBreaches30d; }
    /** Won amount (whole currency units) of the leads assigned in the last 90 days that converted with the rep. */
    public long getWonAmount90d() { return wonAmount90d; }
    public void setWonAmount90d(long wonAmount90d) { this.wonAmount90d = wonAmount90d; }
}
