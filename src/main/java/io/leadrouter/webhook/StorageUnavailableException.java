package io.leadrouter.webhook;

import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The database could not store a delivery: a 503 problem with {@code Retry-After}, so the CRM tries again. */
public class StorageUnavailableException extends ProblemException {

    /** Seconds a CRM is asked to wait before retrying. */
    static final int RETRY_AFTER_SECONDS = 30;

    public StorageUnavailableException(Problem problem) {
        super(problem);
    }

    /** Answers the problem with a {@code Retry-After} header. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response map(StorageUnavailableException e) {
            return Response.fromResponse(e.problem().toResponse()).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
    }
}
