package io.leadrouter.rest;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;
import io.leadrouter.persistence.ClusterChanges;
import io.leadrouter.persistence.RepEntity;
import io.leadrouter.persistence.RepRepository;
import io.leadrouter.rest.exception.DatabaseFailures;
import io.leadrouter.distribution.HolidayCalendar;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The sales roster. Edits take effect on the next lead; no rules reload needed. */
@Path("/api/reps")
@Tag(name = "Roster")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN})
public class RepResource {

    private final RepRepository reps;
    private final HolidayCalendar holidays;
    private final ClusterChanges changes;

    public RepResource(RepRepository reps, HolidayCalendar holidays, ClusterChanges changes) {
        this.reps = reps;
        this.holidays = holidays;
        this.changes = changes;
    }

    /** The rep as shown, {@code eligible} evaluated now as routing would. */
    private RepView view(RepEntity entity) {
        Instant now = Instant.now();
        return RepView.of(entity, now, holidays.around(now));
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "The whole roster, by id")
    public List<RepView> list() {
        Instant now = Instant.now();
        var days = holidays.around(now);
        return reps.listAll(Sort.by("id")).stream().map(e -> RepView.of(e, now, days)).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "One rep")
    @APIResponse(responseCode = "200", description = "The rep")
    @APIResponse(responseCode = "404", description = "No rep with this id")
    public RepView get(@PathParam("id") String id) {
        return view(existing(id));
    }

    @POST
    @Transactional
    @Operation(summary = "Add a rep", description = "409 when the id is taken.")
    @APIResponse(responseCode = "201", description = "Added; Location names the new rep", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepView.class)))
    @APIResponse(responseCode = "409", description = "A rep with this id exists")
    public Response create(@NotNull(message = "a rep is required") @Valid RepRequest request, @Context UriInfo uri) {
        if (request.id() == null) {
            throw new ProblemException(Problem.invalid(List.of(new Problem.FieldError("id", "must not be null"))));
        }
        if (reps.findByIdOptional(request.id()).isPresent()) {
            throw exists(request.id());
        }
        RepEntity entity = new RepEntity();
        entity.id = request.id();
        apply(request, entity);
        try {
            // Flushed here: a concurrent create of the same id fails on the primary key now, answered as 409.
            reps.persistAndFlush(entity);
            changes.publish(ClusterChanges.Topic.ROSTER);
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                throw exists(request.id());
            }
            throw e;
        }
        return Response.created(uri.getAbsolutePathBuilder().path(entity.id).build()).entity(view(entity)).build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Replace a rep", description = "404 when there is no such rep.")
    @APIResponse(responseCode = "200", description = "Replaced; openLeads is kept")
    @APIResponse(responseCode = "404", description = "No rep with this id")
    public RepView replace(@PathParam("id") String id, @NotNull(message = "a rep is required") @Valid RepRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw new ProblemException(Problem.invalid("The id in the body differs from the path",
                    List.of(new Problem.FieldError("id", "must be " + id + " or omitted"))));
        }
        RepEntity entity = existing(id);
        apply(request, entity);
        changes.publish(ClusterChanges.Topic.ROSTER);
        return view(entity);
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Remove a rep", description = "Past decisions keep their record of the rep.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No rep with this id")
    public Response delete(@PathParam("id") String id) {
        reps.delete(existing(id));
        changes.publish(ClusterChanges.Topic.ROSTER);
        return Response.noContent().build();
    }

    private static ProblemException exists(String id) {
        return new ProblemException(Problem.of(Response.Status.CONFLICT, "rep-exists", "Rep already exists",
                "A rep with id " + id + " is already on the roster; PUT /api/reps/" + id + " replaces it"));
    }

    private RepEntity existing(String id) {
        return reps.findByIdOptional(id).orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                "rep-not-found", "Rep not found", "No rep with id " + id)));
    }

    private static void apply(RepRequest r, RepEntity e) {
        e.name = r.name().trim();
        e.email = r.email();
        e.team = r.team().trim();
        e.territories = normalise(r.territories(), true);
        e.industries = normalise(r.industries(), false);
        e.segments = r.segments() == null ? new LinkedHashSet<>()
                : r.segments().stream().map(Segment::name).collect(Collectors.toCollection(LinkedHashSet::new));
        e.languages = normalise(r.languages(), false).stream().map(l -> l.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        e.tier = r.tier() == null ? Tier.MID : r.tier();
        e.active = r.active() == null || r.active();
        e.availability = r.availability() == null ? Availability.AVAILABLE : r.availability();
        e.capacity = r.capacity() == null ? 0 : r.capacity();
        // Omitted on a replace: the count the service keeps stays (a roster edit must not forget assigned leads).
        if (r.openLeads() != null) {
            e.openLeads = r.openLeads();
        }
        e.weight = r.weight() == null ? 1 : r.weight();
        e.timeZone = r.timeZone() == null ? "UTC" : r.timeZone();
        e.outOfOfficeUntil = r.outOfOfficeUntil();
        e.workingHours = workingHours(r.workingHours());
        e.holidayRegion = r.holidayRegion() == null || r.holidayRegion().isBlank() ? null
                : r.holidayRegion().trim().toUpperCase(Locale.ROOT);
        e.dailyCap = r.dailyCap() == null ? 0 : r.dailyCap();
        e.weeklyCap = r.weeklyCap() == null ? 0 : r.weeklyCap();
        e.conditionalCaps = r.conditionalCaps() == null ? new ArrayList<>() : r.conditionalCaps().stream()
                .map(c -> new ConditionalCap(c.segment(), c.per(), c.limit()))
                .collect(Collectors.toCollection(ArrayList::new));
        e.updatedAt = Instant.now();
    }

    /** Checks every span ends after it starts and no two spans of a day overlap; 400 naming the span otherwise. */
    private static Map<DayOfWeek, List<TimeRange>> workingHours(Map<DayOfWeek, List<RepRequest.WorkingTime>> request) {
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        if (request == null) {
            return hours;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        request.forEach((day, spans) -> {
            if (spans == null) {
                return;
            }
            List<TimeRange> ranges = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                RepRequest.WorkingTime span = spans.get(i);
                String field = "workingHours." + day + "[" + i + "]";
                if (!span.from().isBefore(span.to())) {
                    errors.add(new Problem.FieldError(field, "from (" + span.from() + ") must be before to (" + span.to() + ")"));
                    continue;
                }
                TimeRange range = new TimeRange(span.from(), span.to());
                for (int j = 0; j < ranges.size(); j++) {
                    if (ranges.get(j).overlaps(range)) {
                        errors.add(new Problem.FieldError(field, range + " overlaps " + ranges.get(j) + " on " + day));
                    }
                }
                ranges.add(range);
            }
            if (!ranges.isEmpty()) {
                ranges.sort(java.util.Comparator.comparing(TimeRange::from));
                hours.put(day, ranges);
            }
        });
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return hours;
    }

    private static Set<String> normalise(Set<String> values, boolean upperCase) {
        if (values == null) {
            return new LinkedHashSet<>();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim)
                .map(v -> upperCase ? v.toUpperCase(Locale.ROOT) : v)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
