package io.leadrouter.console;

import io.leadrouter.intake.LeadRequest;
import io.leadrouter.decision.Decision;
import io.leadrouter.routing.RoutingService;
import io.leadrouter.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/** Try a lead: the form, and a dry run of the active rules against the roster (nothing stored or counted). */
@Path("/console/try")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class TryLeadResource {

    private final RoutingService routing;
    private final Validator validator;
    private final ConsoleSession session;
    private final Template page;

    public TryLeadResource(RoutingService routing, Validator validator, ConsoleSession session,
                           @Location("console/try.html") Template page) {
        this.routing = routing;
        this.validator = validator;
        this.session = session;
        this.page = page;
    }

    @GET
    public String form() {
        return session.page(page, "try", "Try a lead").data("form", LeadForm.empty()).data("decision", null).render();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response dryRun(MultivaluedMap<String, String> fields) {
        session.verifyCsrf(fields.getFirst(ConsoleSession.CSRF_FIELD));
        LeadForm form = LeadForm.of(fields);
        LeadRequest request = form.toRequest(validator);
        Decision decision = request == null ? null : routing.route(request.toLead(), true);
        String html = session.page(page, "try", "Try a lead").data("form", form).data("decision", decision).render();
        return Response.status(form.hasErrors() ? 400 : 200).type(MediaType.TEXT_HTML + ";charset=UTF-8").entity(html).build();
    }
}
