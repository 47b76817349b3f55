package io.leadrouter.intake;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.leadrouter.domain.CustomerType;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Segment;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lead as a client sends it. Unknown fields are refused (a typo would otherwise route silently on defaults); custom
 * CRM fields go in {@code attributes}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "Lead", description = "A lead to route. Only id is required.")
public record LeadRequest(
        @Schema(description = "The CRM's id of the lead", examples = "00Q5e00000AbCdE")
        @NotBlank @Size(max = 128) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String id,
        @Email @Size(max = 320) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String email,
        @Size(max = 200) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String firstName,
        @Size(max = 200) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String lastName,
        @Size(max = 300) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String company,
        @Schema(description = "ISO 3166-1 alpha-2", examples = "DE") @CountryCode @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String country,
        @Schema(description = "State or region code, e.g. CA for California") @JsonAlias("state") @Size(max = 100) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String region,
        @Size(max = 20) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String postalCode,
        @Size(max = 100) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String industry,
        @Size(max = 100) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String useCase,
        @PositiveOrZero Integer employees,
        @Schema(description = "Whole currency units") @PositiveOrZero Long annualRevenue,
        @Schema(description = "Whole currency units") @PositiveOrZero Long estimatedDealValue,
        @Size(max = 100) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String source,
        CustomerType customerType,
        @Schema(description = "Derived from employees when absent") Segment segment,
        @Schema(description = "Score from marketing automation; rules add to it") Integer score,
        Priority priority,
        @Size(max = 64) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.MESSAGE) String existingOwnerId,
        Instant createdAt,
        @Schema(description = "Custom CRM fields, readable in rules as attributes[\"name\"]") Map<String, Object> attributes) {

    /**
     * The request a client would have sent for {@code lead}: a lead read from a file (a batch row) is validated as
     * this, so it passes exactly the checks of {@code POST /api/route}.
     */
    public static LeadRequest asSent(Lead lead) {
        return new LeadRequest(lead.getId(), lead.getEmail(), lead.getFirstName(), lead.getLastName(), lead.getCompany(),
                lead.getCountry(), lead.getRegion(), lead.getPostalCode(), lead.getIndustry(), lead.getUseCase(),
                lead.getEmployees(), lead.getAnnualRevenue(), lead.getEstimatedDealValue(), lead.getSource(),
                lead.getCustomerType(), lead.getSegment(), lead.getScore(), lead.getPriority(), lead.getExistingOwnerId(),
                lead.getCreatedAt(), lead.getAttributes());
    }

    public Lead toLead() {
        Lead lead = new Lead();
        lead.setId(id.trim());
        lead.setEmail(email);
        lead.setFirstName(firstName);
        lead.setLastName(lastName);
        lead.setCompany(company);
        lead.setCountry(country == null ? null : country.toUpperCase(Locale.ROOT));
        lead.setRegion(region == null ? null : region.toUpperCase(Locale.ROOT));
        lead.setPostalCode(postalCode);
        lead.setIndustry(industry);
        lead.setUseCase(useCase);
        lead.setEmployees(employees);
        lead.setAnnualRevenue(annualRevenue);
        lead.setEstimatedDealValue(estimatedDealValue);
        lead.setSource(source);
        if (customerType != null) {
            lead.setCustomerType(customerType);
        }
        lead.setSegment(segment);
        lead.setScore(score == null ? 0 : score);
        if (priority != null) {
            lead.setPriority(priority);
        }
        lead.setExistingOwnerId(existingOwnerId);
        lead.setCreatedAt(createdAt == null ? Instant.now() : createdAt);
        lead.setAttributes(attributes == null ? new HashMap<>() : new HashMap<>(attributes));
        return lead;
    }
}
