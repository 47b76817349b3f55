package io.leadrouter.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;

/** The console's entry points: {@code /} and {@code /console} lead to it, sign-in and sign-out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private final Template login;
    private final ConsoleSession session;
    private final SecurityIdentity identity;
    private final String sessionCookie;

    public ConsoleResource(@Location("console/login.html") Template login, ConsoleSession session,
                           SecurityIdentity identity,
                           @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.login = login;
        this.session = session;
        this.identity = identity;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @PermitAll
    public Response root() {
        return Response.seeOther(URI.create("/console")).build();
    }

    @GET
    @Path("console")
    @PermitAll
    public Response home() {
        return Response.seeOther(URI.create(identity.isAnonymous() ? "/console/login" : "/console/rules")).build();
    }

    @GET
    @Path("console/login")
    @PermitAll
    public String loginPage(@QueryParam("error") String error) {
        return session.page(login, "", "Sign in").data("error", error != null).render();
    }

    /** Ends the session: the encrypted session cookie is all there is, so expiring it signs out. */
    @POST
    @Path("console/logout")
    @PermitAll
    public Response logout(@FormParam(ConsoleSession.CSRF_FIELD) String csrf) {
        session.verifyCsrf(csrf);
        return Response.seeOther(URI.create("/console/login"))
                .cookie(new NewCookie.Builder(sessionCookie).path("/").value("").maxAge(0).httpOnly(true).build())
                .build();
    }
}
