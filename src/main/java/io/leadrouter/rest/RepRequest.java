package io.leadrouter.rest;

import io.leadrouter.intake.ControlCharacters;
import io.leadrouter.intake.Territory;
import io.leadrouter.intake.TimeZoneId;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.leadrouter.domain.Availability;
import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A rep as a client creates or replaces it. Omitted optional fields take their documented defaults. */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "RepInput")
public record RepRequest(
        @Schema(description = "Stable id; required on create, must match the path on replace", examples = "rep-anna")
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'") String id,
        @NotBlank @Size(max = 200) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String name,
        @Email @Size(max = 320) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String email,
        @NotBlank @Size(max = 100) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String team,
        @Schema(description = "Country codes, country-region pairs (US-CA) or *") Set<@Territory String> territories,
        @Schema(description = "Industries and use cases the rep specialises in")
        Set<@NotBlank @Size(max = 100) @Pattern(regexp = "[^,]*", message = "must not contain commas") String> industries,
        Set<Segment> segments,
        @Schema(description = "ISO 639 language codes") Set<@Pattern(regexp = "[A-Za-z]{2,3}", message = "must be an ISO 639 language code such as de") String> languages,
        @Schema(description = "Default MID") Tier tier,
        @Schema(description = "Default true") Boolean active,
        @Schema(description = "Default AVAILABLE") Availability availability,
        @Schema(description = "Maximum open leads; 0 (default) means no limit") @PositiveOrZero Integer capacity,
        @Schema(description = "Open leads now; the service counts up as it assigns. Omitted: 0 on create, unchanged on replace") @PositiveOrZero Integer openLeads,
        @Schema(description = "Share in weighted distribution; default 1") @PositiveOrZero Integer weight,
        @Schema(description = "IANA time zone; default UTC. Working hours, caps and out-of-office dates are in it")
        @TimeZoneId String timeZone,
        @Schema(description = "Last day of an absence (in the rep's time zone); the rep is out of office through it", examples = "2026-03-01")
        LocalDate outOfOfficeUntil,
        @Schema(description = "Working hours per weekday, e.g. {\"MONDAY\":[{\"from\":\"09:00\",\"to\":\"17:00\"}]}; "
                + "omitted or empty means any time, a weekday left out means not that day")
        Map<DayOfWeek, List<@NotNull @Valid WorkingTime>> workingHours,
        @Schema(description = "Region whose public holidays the rep observes (DE, DE-BY, US-CA)")
        @Pattern(regexp = "[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?", message = "must be a region code such as DE or DE-BY") String holidayRegion,
        @Schema(description = "Most leads per day in the rep's time zone; 0 (default) means no cap") @PositiveOrZero Integer dailyCap,
        @Schema(description = "Most leads per week (Monday to Sunday) in the rep's time zone; 0 (default) means no cap") @PositiveOrZero Integer weeklyCap,
        @Schema(description = "Caps on one segment, e.g. [{\"segment\":\"ENTERPRISE\",\"per\":\"DAY\",\"limit\":3}]")
        List<@NotNull @Valid SegmentCap> conditionalCaps) {

    /** A span of working time: from inclusive, to exclusive, in the rep's time zone. */
    public record WorkingTime(@NotNull @Schema(examples = "09:00") LocalTime from, @NotNull @Schema(examples = "17:00") LocalTime to) {
    }

    /** At most {@code limit} leads of {@code segment} per day or week. */
    public record SegmentCap(@NotNull Segment segment, @NotNull ConditionalCap.Window per, @NotNull @PositiveOrZero Integer limit) {
    }
}
