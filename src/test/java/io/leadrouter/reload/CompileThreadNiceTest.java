package io.leadrouter.reload;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code routing.reload.compile-thread-nice} sets the OS nice value the service's compile thread runs at. */
@QuarkusTest
@Tag("database")
@TestProfile(CompileThreadNiceTest.Nice7.class)
class CompileThreadNiceTest {

    public static class Nice7 extends HotReloadProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("routing.reload.compile-thread-nice", "7");
            return config;
        }
    }

    /** Nice value of each thread of this JVM whose OS name (comm) is {@code name}, from /proc. */
    static List<Integer> niceOfThreadsNamed(String name) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> {
                try {
                    return Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).trim().equals(name);
                } catch (IOException gone) {
                    return false;
                }
            }).map(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[19 - 3]);
                } catch (IOException gone) {
                    return null;
                }
            }).filter(java.util.Objects::nonNull).toList();
        }
    }

    @Test
    void theCompileThreadRunsAtTheConfiguredNiceValue() throws Exception {
        assumeTrue(CompileThread.currentNice().isPresent(), "per-thread nice values are read from /proc (Linux)");
        assumeTrue(CompileThread.currentNice().getAsInt() < 7, "the test JVM itself already runs at nice 7 or more");
        HotReloadProfile.reset();
        HotReloadProfile.write("rules/assign.drl", HotReloadProfile.assignDrl("nice"));
        // A reload that compiles something new: it runs on the compile thread.
        RulesHotReloadTest.admin().post("/api/rules/reload").then().statusCode(200);

        List<Integer> nice = niceOfThreadsNamed(CompileThread.NAME);
        assertTrue(nice.contains(7), "nice values of the threads named " + CompileThread.NAME + ": " + nice);
    }
}
