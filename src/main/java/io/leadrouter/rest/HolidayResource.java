package io.leadrouter.rest;

import io.leadrouter.persistence.HolidayEntity;
import io.leadrouter.persistence.HolidayRepository;
import io.leadrouter.distribution.HolidayCalendar;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Public holidays per region: reps whose holiday region matches take no leads on those days. */
@Path("/api/holidays")
@Tag(name = "Roster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN})
public class HolidayResource {

    /** A holiday as the API shows it. */
    public record HolidayView(String region, LocalDate day, String name) {
    }

    private final HolidayRepository holidays;
    private final HolidayCalendar calendar;

    public HolidayResource(HolidayRepository holidays, HolidayCalendar calendar) {
        this.holidays = holidays;
        this.calendar = calendar;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Every holiday, by region and day")
    public List<HolidayView> list() {
        return holidays.all().stream().map(h -> new HolidayView(h.region, h.day, h.name)).toList();
    }

    @PUT
    @Path("/{region}/{day}")
    @Transactional
    @Operation(summary = "Add or rename a holiday", description = "PUT /api/holidays/DE-BY/2026-10-03?name=Tag der Deutschen Einheit")
    public HolidayView put(@PathParam("region") @Pattern(regexp = "[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?",
                                   message = "must be a region code such as DE or DE-BY") String region,
                           @PathParam("day") String day, @QueryParam("name") String name) {
        LocalDate date = date(day);
        String code = region.toUpperCase(Locale.ROOT);
        String label = name == null ? "" : name;
        HolidayEntity holiday = holidays.findByIdOptional(new HolidayEntity.Key(code, date)).orElseGet(() -> {
            HolidayEntity h = new HolidayEntity();
            h.region = code;
            h.day = date;
            // Named before persist: the insert carries the state at persist time, and name is NOT NULL.
            h.name = label;
            holidays.persist(h);
            return h;
        });
        holiday.name = label;
        calendar.changed();
        return new HolidayView(holiday.region, holiday.day, holiday.name);
    }

    @DELETE
    @Path("/{region}/{day}")
    @Transactional
    @Operation(summary = "Remove a holiday")
    @APIResponse(responseCode = "204", description = "Removed (also when there was no such holiday)")
    public Response delete(@PathParam("region") String region, @PathParam("day") String day) {
        holidays.deleteById(new HolidayEntity.Key(region.toUpperCase(Locale.ROOT), date(day)));
        calendar.changed();
        return Response.noContent().build();
    }

    private static LocalDate date(String day) {
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.invalid(List.of(new Problem.FieldError("day", "must be a date such as 2026-10-03"))));
        }
    }
}
