package io.leadrouter.webhook;

import io.leadrouter.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signature vectors computed independently of this code, with OpenSSL:
 * <pre>
 * printf '%s' '1717000000.{"id":"vec-1"}' | openssl dgst -sha256 -hmac 'dev-generic-secret' -hex
 *   → 0150080cd62a03f4e99eefd8794c8e20628f2a534eed5e15790328ca278d2c8c
 * printf '%s' 'POSThttps://leads.example.com/webhooks/hubspot[{"eventId":1,"subscriptionType":"contact.creation","objectId":51}]1717000000000' \
 *   | openssl dgst -sha256 -hmac 'dev-hubspot-app-secret' -binary | base64
 *   → TnG3DB71wc3QupyGvIgHVwAMCjU/reRLpJ86oAXj/2M=
 * </pre>
 */
class SignatureVerifierTest {

    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String GENERIC_BODY = "{\"id\":\"vec-1\"}";
    private static final String GENERIC_SIGNATURE = "sha256=0150080cd62a03f4e99eefd8794c8e20628f2a534eed5e15790328ca278d2c8c";
    private static final String HUBSPOT_URI = "https://leads.example.com/webhooks/hubspot";
    private static final String HUBSPOT_BODY = "[{\"eventId\":1,\"subscriptionType\":\"contact.creation\",\"objectId\":51}]";
    private static final String HUBSPOT_SIGNATURE = "TnG3DB71wc3QupyGvIgHVwAMCjU/reRLpJ86oAXj/2M=";

    @Test
    void genericVectorVerifies() {
        assertDoesNotThrow(() -> SignatureVerifier.verifyGeneric("dev-generic-secret", "1717000000", GENERIC_SIGNATURE,
                bytes(GENERIC_BODY), Instant.ofEpochSecond(1717000000 + 120), SKEW));
        // Upper-case hex is the same signature.
        assertDoesNotThrow(() -> SignatureVerifier.verifyGeneric("dev-generic-secret", "1717000000",
                GENERIC_SIGNATURE.toUpperCase().replace("SHA256=", "sha256="), bytes(GENERIC_BODY),
                Instant.ofEpochSecond(1717000000), SKEW));
    }

    @Test
    void genericRefusesTamperingStalenessAndMissingHeaders() {
        Instant signedAt = Instant.ofEpochSecond(1717000000);
        assertUnauthorized(() -> SignatureVerifier.verifyGeneric("dev-generic-secret", "1717000000", GENERIC_SIGNATURE,
                bytes("{\"id\":\"vec-2\"}"), signedAt, SKEW), "does not match");
        assertUnauthorized(() -> SignatureVerifier.verifyGeneric("dev-generic-secret", "1717000001", GENERIC_SIGNATURE,
                bytes(GENERIC_BODY), signedAt, SKEW), "does not match");
        assertUnauthorized(() -> SignatureVerifier.verifyGeneric("other-secret", "1717000000", GENERIC_SIGNATURE,
                bytes(GENERIC_BODY), signedAt, SKEW), "does not match");
        assertUnauthorized(() -> SignatureVerifier.verifyGeneric("dev-generic-secret", "1717000000", GENERIC_SIGNATURE,
                bytes(GENERIC_BODY), signedAt.plusSeconds(301), SKEW), "minutes away");
        assertUnauthorized(() -> SignatureVerifier.verifyGeneric("dev-generic-secret", null, GENERIC_SIGNATURE,
                bytes(GENERIC_BODY), signedAt, SKEW), "X-Timestamp header is missing");
        assertUnauthorized(() -> SignatureVerifier.verifyGeneric("dev-generic-secret", "1717000000", null,
                bytes(GENERIC_BODY), signedAt, SKEW), "X-Signature header is missing");
        assertUnauthorized(() -> SignatureVerifier.verifyGeneric("dev-generic-secret", "1717000000", "sha256=zz",
                bytes(GENERIC_BODY), signedAt, SKEW), "form sha256=");
    }

    @Test
    void hubSpotV3VectorVerifies() {
        assertDoesNotThrow(() -> SignatureVerifier.verifyHubSpotV3("dev-hubspot-app-secret", "POST", HUBSPOT_URI,
                bytes(HUBSPOT_BODY), "1717000000000", HUBSPOT_SIGNATURE, Instant.ofEpochMilli(1717000000000L + 60_000),
                SKEW));
    }

    @Test
    void hubSpotV3RefusesOtherUrlStaleTimestampAndTampering() {
        Instant now = Instant.ofEpochMilli(1717000000000L);
        assertUnauthorized(() -> SignatureVerifier.verifyHubSpotV3("dev-hubspot-app-secret", "POST",
                "http://10.0.0.5:8080/webhooks/hubspot", bytes(HUBSPOT_BODY), "1717000000000", HUBSPOT_SIGNATURE, now,
                SKEW), "public-base-url");
        assertUnauthorized(() -> SignatureVerifier.verifyHubSpotV3("dev-hubspot-app-secret", "POST", HUBSPOT_URI,
                bytes(HUBSPOT_BODY), "1717000000000", HUBSPOT_SIGNATURE, now.plus(Duration.ofMinutes(6)), SKEW),
                "minutes away");
        assertUnauthorized(() -> SignatureVerifier.verifyHubSpotV3("dev-hubspot-app-secret", "POST", HUBSPOT_URI,
                bytes(HUBSPOT_BODY.replace("51", "52")), "1717000000000", HUBSPOT_SIGNATURE, now, SKEW), "does not match");
        assertUnauthorized(() -> SignatureVerifier.verifyHubSpotV3(null, "POST", HUBSPOT_URI,
                bytes(HUBSPOT_BODY), "1717000000000", HUBSPOT_SIGNATURE, now, SKEW), "not configured");
    }

    private static void assertUnauthorized(org.junit.jupiter.api.function.Executable check, String detail) {
        ProblemException e = assertThrows(ProblemException.class, check);
        assertEquals(401, e.problem().status());
        assertTrue(e.problem().detail().contains(detail), e.problem().detail());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
