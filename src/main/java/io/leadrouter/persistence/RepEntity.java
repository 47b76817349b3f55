package io.leadrouter.persistence;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreRemove;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A rep on the roster, as stored. Converted to the rules' {@link Rep} for every evaluation. */
@Entity
@Table(name = "rep")
public class RepEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String email;
    public String team;
    @Convert(converter = CommaSeparatedSetConverter.class)
    public Set<String> territories = new LinkedHashSet<>();
    @Convert(converter = CommaSeparatedSetConverter.class)
    public Set<String> industries = new LinkedHashSet<>();
    @Convert(converter = CommaSeparatedSetConverter.class)
    public Set<String> segments = new LinkedHashSet<>();
    @Convert(converter = CommaSeparatedSetConverter.class)
    public Set<String> languages = new LinkedHashSet<>();
    @Enumerated(EnumType.STRING)
    public Tier tier;
    public boolean active;
    @Enumerated(EnumType.STRING)
    public Availability availability;
    public int capacity;
    @Column(name = "open_leads")
    public int openLeads;
    public int weight;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "out_of_office_until")
    public LocalDate outOfOfficeUntil;
    @Column(name = "working_hours")
    @Convert(converter = WorkingHoursConverter.class)
    public Map<DayOfWeek, List<TimeRange>> workingHours = new EnumMap<>(DayOfWeek.class);
    @Column(name = "holiday_region")
    public String holidayRegion;
    @Column(name = "daily_cap")
    public int dailyCap;
    @Column(name = "weekly_cap")
    public int weeklyCap;
    @Column(name = "conditional_caps")
    @Convert(converter = ConditionalCapsConverter.class)
    public List<ConditionalCap> conditionalCaps = new ArrayList<>();

    /** A fresh fact for the rules: evaluations may not share or change the stored state. */
    /**
     * Any write of this entity, through the API or not, invalidates this instance's cached copy (other instances
     * learn of it from {@link ClusterChanges#publish}, which the API's writes call).
     */
    @PrePersist
    @PreUpdate
    @PreRemove
    void changed() {
        ClusterChanges.changedHereStatic(ClusterChanges.Topic.ROSTER);
    }

    public Rep toRep() {
        Rep rep = new Rep();
        rep.setId(id);
        rep.setName(name);
        rep.setEmail(email);
        rep.setTeam(team);
        rep.setTerritories(territories);
        rep.setIndustries(industries);
        rep.setSegments(segments.stream().map(Segment::valueOf).collect(Collectors.toSet()));
        rep.setLanguages(languages);
        rep.setTier(tier);
        rep.setActive(active);
        rep.setAvailability(availability);
        rep.setCapacity(capacity);
        rep.setOpenLeads(openLeads);
        rep.setWeight(weight);
        rep.setTimeZone(timeZone);
        rep.setOutOfOfficeUntil(outOfOfficeUntil);
        rep.setWorkingHours(workingHours);
        rep.setHolidayRegion(holidayRegion);
        rep.setDailyCap(dailyCap);
        rep.setWeeklyCap(weeklyCap);
        rep.setConditionalCaps(conditionalCaps);
        return rep;
    }
}
