package io.leadrouter.webhook;

import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body, refusing with 413 one longer than the limit before reading further. */
final class BoundedBody {

    private BoundedBody() {
    }

    static byte[] read(InputStream body, String contentLength, int limit) {
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException ignored) {
                // Checked while reading instead.
            }
        }
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the webhook body", e);
        }
    }

    static ProblemException tooLarge(int limit) {
        return new ProblemException(Problem.payloadTooLarge("The body is larger than " + limit
                + " bytes (routing.webhooks.max-body-bytes); nothing was stored"));
    }

    static ProblemException malformed(String detail) {
        return new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "malformed-webhook",
                "Malformed webhook payload", detail));
    }
}
