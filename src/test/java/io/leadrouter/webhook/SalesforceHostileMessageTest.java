package io.leadrouter.webhook;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.leadrouter.webhook.WebhookResourcesTest.inboxRowsFor;
import static io.leadrouter.webhook.WebhookSigning.sample;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 15 item 4: hostile Salesforce outbound messages. Deep nesting and element floods are refused by a bounded,
 * non-recursive first pass (a 400 SOAP fault, never a {@code StackOverflowError} or a 500), after the org check, so a
 * stranger gets 403; a message with one bad notification stores none of them, and after a fix converges.
 */
@QuarkusTest
@Tag("database")
class SalesforceHostileMessageTest {

    private static final String HEAD = """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
            <notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>%s</OrganizationId>""";

    private static String nested(String org, int depth) {
        return HEAD.formatted(org) + "<x>".repeat(depth) + "</x>".repeat(depth)
                + "</notifications></soapenv:Body></soapenv:Envelope>";
    }

    @Test
    void deeplyNestedXmlIsA400SoapFaultNotAStackOverflow() {
        given().contentType("text/xml").body(nested("00D5e000000TEST1AAA", 100_000).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/webhooks/salesforce")
                .then().statusCode(400)
                .body(containsString("soapenv:Client"))
                .body(containsString("nests deeper than"))
                .body(not(containsString("StackOverflow")))
                .body(not(containsString("at org.")));
    }

    /** Found by ContractFuzzTest: the global parameter check answered this as a problem+json 400, not SOAP. */
    @Test
    void aControlCharacterInTheTokenIsA400SoapFaultNamingIt() {
        given().contentType("text/xml").urlEncodingEnabled(false)
                .body(nested("00D5e000000TEST1AAA", 1).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/webhooks/salesforce?token=%09")
                .then().statusCode(400)
                .contentType(containsString("text/xml"))
                .body(containsString("soapenv:Client"))
                .body(containsString("token"));
    }

    @Test
    void deeplyNestedXmlFromAnUnknownOrgIsRefusedByTheOrgCheckFirst() {
        given().contentType("text/xml").body(nested("00D5e000000OTHERAAA", 100_000).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/webhooks/salesforce")
                .then().statusCode(403)
                .body(containsString("Unknown organization"));
    }

    @Test
    void anElementFloodIsA400SoapFault() {
        String flood = HEAD.formatted("00D5e000000TEST1AAA") + "<x/>".repeat(60_000)
                + "</notifications></soapenv:Body></soapenv:Envelope>";
        given().contentType("text/xml").body(flood.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/webhooks/salesforce")
                .then().statusCode(400)
                .body(containsString("more than"));
    }

    @Test
    void aMessageWhoseSecondNotificationIsInvalidStoresNothingAndConvergesOnceFixed() {
        String valid = sample("salesforce-outbound.xml")
                .replace("00Q5e00000SFLEAD1AAA", "00Q5e00000HOSTILE1AA").replace("00Q5e00000SFLEAD2AAA", "00Q5e00000HOSTILE2AA")
                .replace("04l5e00000SFTEST1AAA", "04l5e00000HOSTILE1AA").replace("04l5e00000SFTEST2AAA", "04l5e00000HOSTILE2AA");
        String secondInvalid = valid.replace("<sf:NumberOfEmployees>90</sf:NumberOfEmployees>",
                "<sf:NumberOfEmployees>ninety</sf:NumberOfEmployees>");
        given().contentType("text/xml").body(secondInvalid)
                .when().post("/webhooks/salesforce")
                .then().statusCode(400)
                .body(containsString("soapenv:Client"))
                .body(not(containsString("Ack")));
        assertEquals(0L, inboxRowsFor("00Q5e00000HOSTILE1AA"));
        assertEquals(0L, inboxRowsFor("00Q5e00000HOSTILE2AA"));

        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType("text/xml").body(valid)
                    .when().post("/webhooks/salesforce")
                    .then().statusCode(200).body(containsString("<Ack>true</Ack>"));
        }
        assertEquals(1L, inboxRowsFor("00Q5e00000HOSTILE1AA"));
        assertEquals(1L, inboxRowsFor("00Q5e00000HOSTILE2AA"));
    }
}
