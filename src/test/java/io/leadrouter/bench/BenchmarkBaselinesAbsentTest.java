package io.leadrouter.bench;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The echo and plain-insert baselines exist only in a benchmark build ({@code -Pbench}, which adds
 * {@code src/bench/app/java}), never in the default (production) one. The bench profile excludes this test.
 */
@QuarkusTest
class BenchmarkBaselinesAbsentTest {

    @Test
    void benchmarkEndpointsAreNotPartOfTheDefaultBuild() {
        for (String path : new String[]{"/bench/echo", "/bench/insert"}) {
            given().auth().preemptive().basic("admin", "dev-admin").contentType("application/json").body("{\"id\":\"L1\"}")
                    .when().post(path)
                    .then().statusCode(404);
        }
    }

    @Test
    void benchmarkBaselineClassIsNotCompiledIntoTheApplication() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.leadrouter.bench.BenchmarkBaselineResource"));
    }
}
