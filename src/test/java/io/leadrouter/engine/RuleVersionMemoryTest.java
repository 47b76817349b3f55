package io.leadrouter.engine;

import io.leadrouter.reload.HotReloadProfile;
import io.leadrouter.reload.RuleReloadService;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/** Swapped-out rule bases must not pile up: nothing (listeners, metrics, history, caches) may keep them alive. */
@QuarkusTest
@Tag("database")
@TestProfile(HotReloadProfile.class)
class RuleVersionMemoryTest {

    @Inject
    RuleEngine engine;
    @Inject
    RuleReloadService reloads;

    @Test
    void earlierKieBasesAreCollectedAfterFiftyReloads() {
        HotReloadProfile.reset();
        reloads.reload("test baseline");
        List<WeakReference<CompiledRules>> oldRules = new ArrayList<>();
        List<WeakReference<KieBase>> oldBases = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            if (i < 5) {
                oldRules.add(new WeakReference<>(engine.active().rules()));
                oldBases.add(new WeakReference<>(engine.active().rules().kieBase()));
            }
            RuleReloadService.Result result = reloads.upload("rules/assign.drl",
                    HotReloadProfile.assignDrl("mem" + i).getBytes(StandardCharsets.UTF_8));
            assertTrue(result.changed());
        }
        // A collection per poll: weak references clear only when the collector has run (each System.gc() on this
        // heap can take a while, hence the bound well past 20 polls of 100 ms).
        await("old KIE bases no longer reachable").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    System.gc();
                    return allCleared(oldBases, oldRules);
                });
        assertNotNull(engine.active().rules().kieBase());
    }

    private static boolean allCleared(List<WeakReference<KieBase>> bases, List<WeakReference<CompiledRules>> rules) {
        return bases.stream().allMatch(r -> r.get() == null) && rules.stream().allMatch(r -> r.get() == null);
    }
}
