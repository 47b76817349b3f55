package io.leadrouter.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** One packaged Lead Router started as a child process, with its own rule directories and log file. */
final class Instance {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private Instance(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * @param properties system properties for this instance only ({@code -Dkey=value}), after the common ones
     */
    static Instance start(String name, Path work, String jdbcUrl, ClusterDatabase database, String rules,
                          Map<String, String> environment, List<String> properties) throws IOException {
        Path home = Files.createDirectories(work.resolve(name));
        Files.createDirectories(home.resolve("rules"));
        Files.createDirectories(home.resolve("decision-tables"));
        Files.writeString(home.resolve("rules/cluster.drl"), rules);
        Path jar = Path.of(System.getProperty("leadrouter.it.jar", "target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the test runs after `package` (./mvnw verify)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Drouting.rules-dir=" + home.resolve("rules"),
                "-Drouting.decision-tables-dir=" + home.resolve("decision-tables")));
        properties.forEach(property -> command.add("-D" + property));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = home.resolve("instance.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("DB_URL", jdbcUrl);
        builder.environment().put("DB_USER", database.user());
        builder.environment().put("DB_PASSWORD", database.password());
        return new Instance(name, port, builder.start(), log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    void awaitReady(HttpClient http, Duration within) {
        await("instance " + name + " ready").atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        // Thrown out of the wait at once: no point waiting for a process that is gone.
                        throw new IllegalStateException("instance " + name + " exited with " + process.exitValue());
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5))
                                .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (IOException notListeningYet) {
                        return false; // still starting
                    }
                });
    }

    String name() {
        return name;
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** SIGTERM, as a container runtime stops it: the graceful shutdown path. */
    int stop() throws InterruptedException {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void printLog() {
        System.out.println("----- instance " + name + " (port " + port + ") log -----");
        System.out.println(log());
        System.out.println("----- end of instance " + name + " log -----");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
