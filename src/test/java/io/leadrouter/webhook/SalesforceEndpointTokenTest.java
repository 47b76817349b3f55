package io.leadrouter.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.leadrouter.webhook.WebhookSigning.sample;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * Issue 15 item 5: the org id is no secret, so with {@code routing.webhooks.salesforce.endpoint-token} set a message
 * must carry it as {@code ?token=}; without it, or with a wrong one, a 401 SOAP fault and nothing stored.
 */
@QuarkusTest
@Tag("database")
@TestProfile(SalesforceEndpointTokenTest.WithToken.class)
class SalesforceEndpointTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("routing.webhooks.salesforce.endpoint-token", "sf-endpoint-secret-42");
        }
    }

    @Test
    void messageWithoutOrWithAWrongTokenIsRefusedBeforeAnythingIsStored() {
        String body = sample("salesforce-outbound.xml");
        given().contentType("text/xml; charset=utf-8").body(body).when().post("/webhooks/salesforce")
                .then().statusCode(401)
                .contentType(containsString("xml"))
                .body(containsString("faultstring"))
                .body(not(containsString("Ack")));
        given().contentType("text/xml; charset=utf-8").body(body).queryParam("token", "sf-endpoint-secret-4")
                .when().post("/webhooks/salesforce")
                .then().statusCode(401).body(containsString("faultstring"));
        // An anonymous caller with a hostile body learns nothing more than 401: the token is checked before parsing.
        given().contentType("text/xml; charset=utf-8").body("<a>" + "<b>".repeat(20_000))
                .when().post("/webhooks/salesforce")
                .then().statusCode(401);
    }

    @Test
    void messageWithTheTokenIsAcknowledged() {
        given().contentType("text/xml; charset=utf-8").body(sample("salesforce-outbound.xml"))
                .queryParam("token", "sf-endpoint-secret-42")
                .when().post("/webhooks/salesforce")
                .then().statusCode(200).body(containsString("<Ack>true</Ack>"));
    }
}
