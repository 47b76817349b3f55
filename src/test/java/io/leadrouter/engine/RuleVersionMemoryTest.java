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
import java.util.ArrayList;
import java.util.List;

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
    void earlierKieBasesAreCollectedAfterFiftyReloads() throws InterruptedException {
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
        for (int attempt = 0; attempt < 20 && !allCleared(oldBases, oldRules); attempt++) {
            System.gc();
            Thread.sleep(100);
        }
        assertTrue(allCleared(oldBases, oldRules), "old KIE bases still reachable: "
                + oldBases.stream().filter(r -> r.get() != null).count() + " of " + oldBases.size());
        assertNotNull(engine.active().rules().kieBase());
    }

    private static boolean allCleared(List<WeakReference<KieBase>> bases, List<WeakReference<CompiledRules>> rules) {
        return bases.stream().allMatch(r -> r.get() == null) && rules.stream().allMatch(r -> r.get() == null);
    }
}
