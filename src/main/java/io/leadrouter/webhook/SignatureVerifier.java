package io.leadrouter.webhook;

import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.ws.rs.core.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Checks webhook signatures: HMAC-SHA256, compared in constant time, with a timestamp no further than the allowed
 * skew from our clock so a captured delivery cannot be replayed later. Every refusal is a 401 problem detail that
 * says what was wrong, never what the right signature would have been.
 */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    /**
     * Generic senders: {@code X-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, {@code
     * X-Timestamp} in unix seconds.
     */
    public static void verifyGeneric(String secret, String timestamp, String signature, byte[] body, Instant now,
                                     Duration maxSkew) {
        if (secret == null || secret.isBlank()) {
            throw unauthorized("Generic webhooks are not configured: routing.webhooks.generic.secret is not set");
        }
        if (signature == null || signature.isBlank()) {
            throw unauthorized("The X-Signature header is missing");
        }
        Instant signedAt = parseTimestamp(timestamp, "X-Timestamp", false);
        checkFresh(signedAt, now, maxSkew, "X-Timestamp");
        String presented = signature.trim();
        if (!presented.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            throw unauthorized("X-Signature must have the form sha256=<hex>");
        }
        byte[] expected = genericSignature(secret, timestamp.trim(), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(presented.substring("sha256=".length()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw unauthorized("X-Signature must have the form sha256=<hex>");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw unauthorized("The X-Signature does not match the body and timestamp");
        }
    }

    /** The raw generic HMAC, also used to sign our callbacks to generic senders. */
    public static byte[] genericSignature(String secret, String timestamp, byte[] body) {
        return hmac(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    /**
     * HubSpot v3: {@code X-HubSpot-Signature-v3 = base64(HMAC-SHA256(appSecret, method + uri + body + timestamp))},
     * {@code X-HubSpot-Request-Timestamp} in epoch milliseconds.
     *
     * @param uri the full URL HubSpot called, scheme, host, path and query
     */
    public static void verifyHubSpotV3(String appSecret, String method, String uri, byte[] body, String timestamp,
                                       String signature, Instant now, Duration maxSkew) {
        if (appSecret == null || appSecret.isBlank()) {
            throw unauthorized("HubSpot webhooks are not configured: routing.webhooks.hubspot.app-secret is not set");
        }
        if (signature == null || signature.isBlank()) {
            throw unauthorized("The X-HubSpot-Signature-v3 header is missing");
        }
        Instant signedAt = parseTimestamp(timestamp, "X-HubSpot-Request-Timestamp", true);
        checkFresh(signedAt, now, maxSkew, "X-HubSpot-Request-Timestamp");
        byte[] expected = hubSpotV3Signature(appSecret, method, uri, body, timestamp.trim());
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw unauthorized("X-HubSpot-Signature-v3 is not base64");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw unauthorized("The X-HubSpot-Signature-v3 does not match the method, URL, body and timestamp; if we "
                    + "run behind a proxy, routing.webhooks.public-base-url must be the URL HubSpot calls");
        }
    }

    public static byte[] hubSpotV3Signature(String appSecret, String method, String uri, byte[] body, String timestamp) {
        return hmac(appSecret, (method + uri).getBytes(StandardCharsets.UTF_8), body,
                timestamp.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant parseTimestamp(String value, String header, boolean milliseconds) {
        if (value == null || value.isBlank()) {
            throw unauthorized("The " + header + " header is missing");
        }
        try {
            long number = Long.parseLong(value.trim());
            return milliseconds ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw unauthorized("The " + header + " header must be " + (milliseconds ? "epoch milliseconds" : "unix seconds"));
        }
    }

    private static void checkFresh(Instant signedAt, Instant now, Duration maxSkew, String header) {
        if (Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
            throw unauthorized("The " + header + " is more than " + maxSkew.toMinutes()
                    + " minutes away from our clock; the delivery is stale or the sender's clock is wrong");
        }
    }

    private static byte[] hmac(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(Response.Status.UNAUTHORIZED, "invalid-webhook-signature",
                "Webhook not authenticated", detail));
    }
}
