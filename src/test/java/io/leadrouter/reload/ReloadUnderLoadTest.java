package io.leadrouter.reload;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.leadrouter.reload.RulesHotReloadTest.admin;
import static io.leadrouter.reload.RulesHotReloadTest.ops;
import static org.junit.jupiter.api.Assertions.*;

/** Routing keeps answering, on whole versions only, while the rules are swapped underneath it. */
@QuarkusTest
@Tag("database")
@TestProfile(HotReloadProfile.class)
class ReloadUnderLoadTest {

    @BeforeEach
    void baseline() {
        HotReloadProfile.reset();
        admin().post("/api/rules/reload").then().statusCode(200);
    }

    @Test
    void routingThroughTwentyReloadsNeverFailsAndNamesOnlyActivatedVersions() throws Exception {
        String initial = RulesHotReloadTest.activeVersionId();
        Set<String> observed = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger routed = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService routers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int t = 0; t < 2; t++) {
            running.add(routers.submit(() -> {
                while (!done.get()) {
                    Response r = RulesHotReloadTest.routeDryRun();
                    if (r.statusCode() != 200 || r.jsonPath().getString("rulesVersion") == null
                            || r.jsonPath().getList("matchedRules.name").size() != 2) {
                        failures.incrementAndGet();
                    } else {
                        observed.add(r.jsonPath().getString("rulesVersion"));
                        routed.incrementAndGet();
                    }
                }
            }));
        }
        Set<String> activated = new HashSet<>(Set.of(initial));
        for (int i = 0; i < 20; i++) {
            activated.add(admin().contentType(ContentType.TEXT).body(HotReloadProfile.assignDrl("load" + i))
                    .put("/api/rules/files/rules/assign.drl")
                    .then().statusCode(200).extract().path("id"));
        }
        done.set(true);
        for (Future<?> f : running) {
            f.get(30, TimeUnit.SECONDS);
        }
        routers.shutdown();

        assertEquals(0, failures.get(), "failed routing requests");
        assertTrue(routed.get() > 0);
        assertEquals(21, activated.size(), "every upload activated a new version");
        // The watcher may see the uploaded files too, but finds their content active: no other version appears.
        List<String> history = ops().get("/api/rules/versions").then().statusCode(200).extract().path("id");
        assertTrue(history.containsAll(activated), "every activation is in the history");
        assertTrue(activated.containsAll(observed), "decisions named " + observed + ", activated " + activated);
    }
}
