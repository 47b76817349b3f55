package io.leadrouter.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

/** A rep as a client creates or replaces it. Omitted optional fields take their documented defaults. */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "RepInput")
public record RepRequest(
        @Schema(description = "Stable id; required on create, must match the path on replace", examples = "rep-anna")
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'") String id,
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 100) String team,
        @Schema(description = "Country codes, country-region pairs (US-CA) or *") Set<@Territory String> territories,
        @Schema(description = "Industries and use cases the rep specialises in")
        Set<@NotBlank @Size(max = 100) @Pattern(regexp = "[^,]*", message = "must not contain commas") String> industries,
        Set<Segment> segments,
        @Schema(description = "ISO 639 language codes") Set<@Pattern(regexp = "[A-Za-z]{2,3}", message = "must be an ISO 639 language code such as de") String> languages,
        @Schema(description = "Default MID") Tier tier,
        @Schema(description = "Default true") Boolean active,
        @Schema(description = "Default AVAILABLE") Availability availability,
        @Schema(description = "Maximum open leads; 0 (default) means no limit") @PositiveOrZero Integer capacity,
        @Schema(description = "Open leads now; the service counts up as it assigns") @PositiveOrZero Integer openLeads,
        @Schema(description = "Share in weighted distribution; default 1") @PositiveOrZero Integer weight,
        @Schema(description = "IANA time zone; default UTC") @TimeZoneId String timeZone) {
}
