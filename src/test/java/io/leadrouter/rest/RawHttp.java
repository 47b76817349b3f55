package io.leadrouter.rest;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Requests REST Assured cannot send (broken headers, chunked bodies): written to a socket as bytes. */
public final class RawHttp {

    private RawHttp() {
    }

    /** The port of the application under test, as REST Assured was given it. */
    public static int server() {
        return RestAssured.port;
    }

    /** Sends {@code head} (and nothing more) and reads the answer until the server closes or 10 s pass. */
    public static String exchange(int port, String head) throws IOException {
        return exchange(port, head.getBytes(StandardCharsets.US_ASCII), null);
    }

    /**
     * @param streamBody writes the body after the head, e.g. chunks; exceptions once the server closed are expected
     */
    public static String exchange(int port, byte[] head, BodyWriter streamBody) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            if (streamBody != null) {
                try {
                    streamBody.write(out);
                } catch (IOException closed) {
                    // The server answered and closed before the body ended.
                }
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("\r\n\r\n") && complete(answer)) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // Whatever arrived is the answer.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** True once the body announced by Content-Length has arrived. */
    private static boolean complete(ByteArrayOutputStream answer) {
        String text = answer.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(text.substring(0, end));
        if (!length.find()) {
            return false;
        }
        return text.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }
}
