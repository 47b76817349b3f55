package io.leadrouter.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.leadrouter.webhook.WebhookSigning.generic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Issue 14 item 6: a retry with a different body under the same delivery id is a 409, not a silent duplicate. */
@QuarkusTest
@Tag("database")
@TestSecurity(user = "test-admin", roles = "admin")
class DeliveryConflictTest {

    @Test
    void aDifferentBodyUnderTheSameDeliveryIdIs409AndRoutesNothing() {
        generic("{\"id\":\"conflict-1\",\"country\":\"DE\"}", "conflict-delivery").when().post("/webhooks/generic")
                .then().statusCode(200).body("duplicate", equalTo(false));
        generic("{\"id\":\"conflict-1\",\"country\":\"DE\"}", "conflict-delivery").when().post("/webhooks/generic")
                .then().statusCode(200).body("duplicate", equalTo(true));
        generic("{\"id\":\"conflict-2\",\"country\":\"FR\"}", "conflict-delivery").when().post("/webhooks/generic")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("conflict-delivery"));
        given().queryParam("leadId", "conflict-2").when().get("/api/decisions").then().body("totalItems", equalTo(0));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("leadrouter_webhook_delivery_conflicts_total{source=\"generic\"} 1.0"));
    }
}
