package io.leadrouter.routing;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * What the repeated-route tests share: a one-rule rule set that sends a lead to the team its {@code pool} attribute
 * names, a one-rep team per test, real {@code POST /api/route} calls as a CRM, and the stored counts.
 */
final class RepeatedRoutes {

    static final String DRL = """
            package repeatedroutes;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "REPEAT-TEST route to the pool named by the lead"
                salience 1000000
            when
                $lead : Lead(attributes["pool"] != null)
            then
                routing.assignToTeam((String) $lead.attribute("pool"), "ROUND_ROBIN");
            end
            """;

    private RepeatedRoutes() {
    }

    /** The rules routing to the pool a lead names; compiled by each user (ServedRules), never shared across classes. */
    static RuleSourceSet sources() {
        return new RuleSourceSet(List.of(
                new RuleSource("rules/repeated-routes-test.drl", DRL.getBytes(StandardCharsets.UTF_8))));
    }

    /** A new team with one available rep; answers the team, whose rep id is {@code team + "-rep"}. */
    static String teamWithOneRep(RepRepository reps, String name) {
        String team = "repeat-" + name + "-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            RepEntity e = new RepEntity();
            e.id = team + "-rep";
            e.name = e.id;
            e.team = team;
            e.tier = Tier.MID;
            e.active = true;
            e.availability = Availability.AVAILABLE;
            e.weight = 1;
            e.timeZone = "UTC";
            e.updatedAt = Instant.now();
            reps.persist(e);
        });
        return team;
    }

    static String lead(String id, String team, String country) {
        return "{\"id\":\"" + id + "\",\"country\":\"" + country + "\",\"attributes\":{\"pool\":\"" + team + "\"}}";
    }

    /** A real route as the CRM (API key), with the key header when {@code key} is not null. */
    static Response route(String body, String key, String query) {
        var request = given().header("X-API-Key", "dev-crm-key").contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/route" + (query == null ? "" : "?" + query));
    }

    /**
     * One dry run into the team first: the rule set's first evaluation on a loaded machine can take longer than the
     * evaluation budget (the lead then goes to the fallback queue), which is not what these tests are about.
     */
    static void warmUp(String team) {
        route(lead(team + "-warm-up", team, "DE"), null, "dryRun=true").then().statusCode(200);
    }

    /** Runs {@code n} calls at once (all threads released together) and answers their responses. */
    static List<Response> atOnce(int n, Supplier<Response> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    static long decisionsOf(DecisionRepository decisions, String leadId) {
        return QuarkusTransaction.requiringNew().call(() -> decisions.count("leadId", leadId));
    }

    static int openLeads(RepRepository reps, String repId) {
        return QuarkusTransaction.requiringNew().call(() -> reps.findById(repId).openLeads);
    }
}
