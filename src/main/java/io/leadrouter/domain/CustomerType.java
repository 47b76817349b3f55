package io.leadrouter.domain;

/** What relationship the lead's company already has with us. */
public enum CustomerType {
    NEW_BUSINESS,
    EXISTING_CUSTOMER,
    PARTNER
}
