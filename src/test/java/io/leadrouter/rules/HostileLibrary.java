package io.leadrouter.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Library code a rule may call by name (this package passes the compile-time check) that does what rules may not:
 * the run-time guard must stop it although the rule text names nothing forbidden (RuleSandboxTest).
 */
public final class HostileLibrary {

    private HostileLibrary() {
    }

    public static void stopTheService() {
        System.exit(0);
    }

    public static void writeFile(String path) {
        try {
            Files.writeString(Path.of(path), "written by a rule");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void connect(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void startProcess() {
        try {
            new ProcessBuilder("true").start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tries to stop the service and carries on as if nothing happened. */
    public static boolean stopTheServiceQuietly() {
        try {
            System.exit(0);
            return true;
        } catch (SecurityException e) {
            return false;
        }
    }
}
