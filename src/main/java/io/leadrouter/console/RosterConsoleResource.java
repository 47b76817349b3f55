package io.leadrouter.console;

import io.leadrouter.rest.HolidayResource;
import io.leadrouter.rest.RepRequest;
import io.leadrouter.rest.RepResource;
import io.leadrouter.rest.RepView;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.pools.PoolService;
import io.leadrouter.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The roster: every rep with whether they could take a lead now and why not, edit, add, deactivate; holidays per
 * region. Changes go through {@link RepResource} and {@link HolidayResource}, so they are checked as the API checks.
 */
@Path("/console/roster")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class RosterConsoleResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    /** A roster row: the rep and, when they could not take a lead now, why. */
    public record RosterRow(RepView rep, String unavailableBecause) {
    }

    private final RepResource reps;
    private final HolidayResource holidays;
    private final PoolService pools;
    private final Validator validator;
    private final ConsoleSession session;
    private final Template list;
    private final Template edit;
    private final Template holidayPage;

    public RosterConsoleResource(RepResource reps, HolidayResource holidays, PoolService pools, Validator validator,
                                 ConsoleSession session, @Location("console/roster.html") Template list,
                                 @Location("console/rep.html") Template edit,
                                 @Location("console/holidays.html") Template holidayPage) {
        this.reps = reps;
        this.holidays = holidays;
        this.pools = pools;
        this.validator = validator;
        this.session = session;
        this.list = list;
        this.edit = edit;
        this.holidayPage = holidayPage;
    }

    @GET
    public String roster(@QueryParam("done") String done) {
        Map<String, String> exclusions = pools.exclusionsNow();
        List<RosterRow> rows = reps.list().stream()
                .map(r -> new RosterRow(r, r.active() ? exclusions.get(r.id()) : "inactive")).toList();
        return session.page(list, "roster", "Roster").data("rows", rows).data("done", done).render();
    }

    @GET
    @Path("new")
    public String addForm() {
        session.requireAdmin();
        return page(RepForm.blank(), true, 200).getEntity().toString();
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(MultivaluedMap<String, String> fields, @Context UriInfo uri) {
        session.verifyCsrf(fields.getFirst(ConsoleSession.CSRF_FIELD));
        session.requireAdmin();
        RepForm form = RepForm.of(fields, null);
        String id = form.value("id");
        if (id.isBlank()) {
            form.error("id", "must not be blank");
        }
        RepRequest request = form.toRequest(id, validator);
        if (request == null) {
            return page(form, true, 400);
        }
        return save(form, true, () -> reps.create(request, uri), "added " + id);
    }

    @GET
    @Path("{id}")
    public String show(@PathParam("id") String id) {
        return page(RepForm.of(reps.get(id)), false, 200).getEntity().toString();
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        session.verifyCsrf(fields.getFirst(ConsoleSession.CSRF_FIELD));
        session.requireAdmin();
        RepForm form = RepForm.of(fields, RepForm.of(reps.get(id)));
        form = withId(form, id);
        RepRequest request = form.toRequest(id, validator);
        if (request == null) {
            return page(form, false, 400);
        }
        return save(form, false, () -> reps.replace(id, request), "saved " + id);
    }

    @POST
    @Path("{id}/deactivate")
    public Response deactivate(@PathParam("id") String id, @FormParam("_csrf") String csrf) {
        session.verifyCsrf(csrf);
        session.requireAdmin();
        RepForm form = RepForm.of(reps.get(id));
        MultivaluedMap<String, String> fields = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        for (String name : new String[]{"name", "email", "team", "territories", "industries", "segments", "languages",
                "tier", "availability", "capacity", "openLeads", "weight", "timeZone", "outOfOfficeUntil",
                "holidayRegion", "dailyCap", "weeklyCap"}) {
            fields.putSingle(name, form.value(name));
        }
        for (var day : form.days()) {
            fields.putSingle("hours." + day, form.value("hours." + day));
        }
        fields.putSingle("active", "");
        RepForm inactive = RepForm.of(fields, form);
        RepRequest request = inactive.toRequest(id, validator);
        if (request == null) {
            return page(withId(inactive, id), false, 400);
        }
        return save(inactive, false, () -> reps.replace(id, request), "deactivated " + id);
    }

    @GET
    @Path("holidays")
    public String holidayList(@QueryParam("done") String done) {
        return session.page(holidayPage, "roster", "Holidays").data("holidays", holidays.list()).data("done", done)
                .data("failure", null).render();
    }

    @POST
    @Path("holidays")
    public Response addHoliday(@FormParam("_csrf") String csrf, @FormParam("region") String region,
                               @FormParam("day") String day, @FormParam("name") String name) {
        session.verifyCsrf(csrf);
        session.requireAdmin();
        try {
            if (region == null || !region.trim().matches("[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?")) {
                throw new ProblemException(Problem.invalid(List.of(new Problem.FieldError("region",
                        "must be a region code such as DE or DE-BY"))));
            }
            HolidayResource.HolidayView added = holidays.put(region.trim(), day == null ? "" : day.trim(), name);
            return done("/console/roster/holidays", "added " + added.region() + " " + added.day());
        } catch (ProblemException e) {
            String html = session.page(holidayPage, "roster", "Holidays").data("holidays", holidays.list())
                    .data("done", null).data("failure", describe(e.problem())).render();
            return Response.status(e.problem().status()).type(HTML).entity(html).build();
        }
    }

    @POST
    @Path("holidays/delete")
    public Response deleteHoliday(@FormParam("_csrf") String csrf, @FormParam("region") String region,
                                  @FormParam("day") String day) {
        session.verifyCsrf(csrf);
        session.requireAdmin();
        holidays.delete(region, day);
        return done("/console/roster/holidays", "removed " + region + " " + day);
    }

    private Response save(RepForm form, boolean adding, Runnable action, String what) {
        try {
            action.run();
            return done("/console/roster", what);
        } catch (ProblemException e) {
            Problem problem = e.problem();
            if (problem.errors() == null || problem.errors().isEmpty()) {
                form.error(problem.status() == 409 ? "id" : "form", problem.detail());
            } else {
                problem.errors().forEach(f -> form.error(formField(f.field()), f.message()));
            }
            return page(form, adding, problem.status());
        } catch (ConstraintViolationException e) {
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                form.error("form", v.getPropertyPath() + " " + v.getMessage());
            }
            return page(form, adding, 400);
        }
    }

    /** The API's field path ({@code workingHours.MONDAY[0]}) as the form's field ({@code hours.MONDAY}). */
    private static String formField(String apiField) {
        if (apiField.startsWith("workingHours.")) {
            String day = apiField.substring("workingHours.".length());
            int bracket = day.indexOf('[');
            return "hours." + (bracket < 0 ? day : day.substring(0, bracket));
        }
        int bracket = apiField.indexOf('[');
        return bracket < 0 ? apiField : apiField.substring(0, bracket);
    }

    private static RepForm withId(RepForm form, String id) {
        form.put("id", id);
        return form;
    }

    private Response page(RepForm form, boolean adding, int status) {
        String title = adding ? "Add a rep" : "Rep " + form.value("name");
        String html = session.page(edit, "roster", title).data("form", form).data("adding", adding).render();
        return Response.status(status).type(HTML).entity(html).build();
    }

    private static Response done(String page, String what) {
        return Response.seeOther(URI.create(page + "?done=" + URLEncoder.encode(what, StandardCharsets.UTF_8))).build();
    }

    private static String describe(Problem problem) {
        StringBuilder text = new StringBuilder(problem.detail());
        if (problem.errors() != null) {
            problem.errors().forEach(f -> text.append(" ").append(f.field()).append(": ").append(f.message()).append("."));
        }
        return text.toString();
    }
}
