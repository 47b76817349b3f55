package io.leadrouter.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An incoming lead, as rule authors see it. Every field is documented in {@code rules/README.md}.
 * Plain mutable class: Drools reads it through its getters, and {@link Routing} writes score and priority back.
 */
@Schema(name = "LeadSnapshot", description = "The lead as received, with what routing derived from it (emailDomain, "
        + "segment) and what the rules set (score, priority)")
public class Lead {

    private String id;
    @Schema(nullable = true)
    private String email;
    @Schema(nullable = true)
    private String firstName;
    @Schema(nullable = true)
    private String lastName;
    @Schema(nullable = true)
    private String company;
    @Schema(nullable = true)
    private String country;
    @Schema(nullable = true)
    private String region;
    @Schema(nullable = true)
    private String postalCode;
    @Schema(nullable = true)
    private String industry;
    @Schema(nullable = true)
    private String useCase;
    @Schema(nullable = true)
    private Integer employees;
    @Schema(nullable = true)
    private Long annualRevenue;
    @Schema(nullable = true)
    private Long estimatedDealValue;
    @Schema(nullable = true)
    private String source;
    private CustomerType customerType = CustomerType.NEW_BUSINESS;
    private Segment segment;
    private int score;
    private Priority priority = Priority.NORMAL;
    @Schema(nullable = true)
    private String existingOwnerId;
    @Schema(nullable = true, implementation = String.class, format = "date-time")
    private Instant createdAt;
    private Map<String, Object> attributes = new HashMap<>();

    /** The part of the email after the {@code @}, lower-cased; {@code null} without an email. */
    @Schema(nullable = true)
    public String getEmailDomain() {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 || at == email.length() - 1 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The segment the CRM sent, or else the one derived from {@link #getEmployees()}. */
    @Schema(nullable = true, implementation = String.class, enumeration = {"SMB", "MID_MARKET", "ENTERPRISE"},
            description = "From employees; null when employees is not known")
    public Segment getSegment() {
        return segment != null ? segment : Segment.fromEmployees(employees);
    }

    /** A custom CRM field by name, or {@code null}. Lets rules read fields the fact model does not name. */
    public Object attribute(String name) {
        return attributes.get(name);
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getCompany() { return company; }
    public void setCompany(String company) { this.company = company; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
    public String getIndustry() { return industry; }
    public void setIndustry(String industry) { this.industry = industry; }
    public String getUseCase() { return useCase; }
    public void setUseCase(String useCase) { this.useCase = useCase; }
    public Integer getEmployees() { return employees; }
    public void setEmployees(Integer employees) { this.employees = employees; }
    public Long getAnnualRevenue() { return annualRevenue; }
    public void setAnnualRevenue(Long annualRevenue) { this.annualRevenue = annualRevenue; }
    public Long getEstimatedDealValue() { return estimatedDealValue; }
    public void setEstimatedDealValue(Long estimatedDealValue) { this.estimatedDealValue = estimatedDealValue; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public CustomerType getCustomerType() { return customerType; }
    public void setCustomerType(CustomerType customerType) { this.customerType = customerType; }
    public void setSegment(Segment segment) { this.segment = segment; }
    public int getScore() { return score; }
    public void setScore(int score) { this.score = score; }
    public Priority getPriority() { return priority; }
    public void setPriority(Priority priority) { this.priority = priority; }
    public String getExistingOwnerId() { return existingOwnerId; }
    public void setExistingOwnerId(String existingOwnerId) { this.existingOwnerId = existingOwnerId; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Map<String, Object> getAttributes() { return attributes; }
    public void setAttributes(Map<String, Object> attributes) { this.attributes = attributes == null ? new HashMap<>() : attributes; }

    /** A copy, so an evaluation never changes the caller's lead (rules adjust score and priority). */
    public Lead copy() {
        Lead c = new Lead();
        c.id = id; c.email = email; c.firstName = firstName; c.lastName = lastName; c.company = company;
        c.country = country; c.region = region; c.postalCode = postalCode; c.industry = industry; c.useCase = useCase;
        c.employees = employees; c.annualRevenue = annualRevenue; c.estimatedDealValue = estimatedDealValue;
        c.source = source; c.customerType = customerType; c.segment = segment; c.score = score; c.priority = priority;
        c.existingOwnerId = existingOwnerId; c.createdAt = createdAt; c.attributes = new HashMap<>(attributes);
        return c;
    }
}
