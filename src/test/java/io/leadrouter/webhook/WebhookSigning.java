package io.leadrouter.webhook;

import io.restassured.specification.RequestSpecification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static io.restassured.RestAssured.given;

/** Signs test deliveries the way the senders do (own HMAC code, not the production verifier's). */
final class WebhookSigning {

    static final String GENERIC_SECRET = "dev-generic-secret";
    static final String HUBSPOT_SECRET = "dev-hubspot-app-secret";
    static final String HUBSPOT_URL = "https://leads.example.com/webhooks/hubspot";

    private WebhookSigning() {
    }

    static String sample(String name) {
        try (InputStream in = WebhookSigning.class.getResourceAsStream("/webhooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RequestSpecification generic(String body, String deliveryId) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return given().contentType("application/json").body(body)
                .header("X-Timestamp", timestamp)
                .header("X-Signature", "sha256=" + HexFormat.of().formatHex(hmac(GENERIC_SECRET, timestamp + "." + body)))
                .header("X-Delivery-Id", deliveryId);
    }

    static RequestSpecification hubSpot(String body) {
        String timestamp = Long.toString(System.currentTimeMillis());
        return given().contentType("application/json").body(body)
                .header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", Base64.getEncoder().encodeToString(
                        hmac(HUBSPOT_SECRET, "POST" + HUBSPOT_URL + body + timestamp)));
    }

    static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
