package io.leadrouter.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders a {@link ConsoleRefusal} as the console's error page. */
public class ConsoleRefusalMapper {

    private final Template error;
    private final ConsoleSession session;

    public ConsoleRefusalMapper(@Location("console/error.html") Template error, ConsoleSession session) {
        this.error = error;
        this.session = session;
    }

    @ServerExceptionMapper
    public Response refused(ConsoleRefusal refusal) {
        String html = session.page(error, "", refusal.title()).data("detail", refusal.getMessage()).render();
        return Response.status(refusal.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
