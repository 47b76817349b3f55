package io.leadrouter.rest;

import io.leadrouter.config.ReloadConfig;
import io.leadrouter.engine.ActiveRules;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.persistence.RuleVersionRepository;
import io.leadrouter.reload.RuleHistory;
import io.leadrouter.reload.RuleReloadService;
import io.leadrouter.problem.Problem;
import io.leadrouter.rest.exception.RuleCompileProblem;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Path("/api/rules")
@Tag(name = "Rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    static final int HISTORY_LIMIT = 200;
    /** {@code 3}, {@code v3} or the full id {@code v3-1a2b3c4d5e6f}. */
    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,18})(?:-([0-9a-f]{1,64}))?");

    private final RuleEngine engine;
    private final RuleReloadService reloads;
    private final RuleHistory history;
    private final ReloadConfig reloadConfig;

    public RulesResource(RuleEngine engine, RuleReloadService reloads, RuleHistory history,
                         ReloadConfig reloadConfig) {
        this.engine = engine;
        this.reloads = reloads;
        this.history = history;
        this.reloadConfig = reloadConfig;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "The active rule version, its files, and the outcome of the latest compile attempt",
            description = "When the latest change did not compile, lastAttempt lists every error (file and line, or "
                    + "sheet and row) while the active version keeps serving.")
    public RuleStatusView status() {
        // One primary-key read, so "behind" is true as soon as another instance publishes, not only after a poll.
        try {
            reloads.readClusterVersion();
        } catch (RuntimeException databaseUnavailable) {
            // The status still answers, with the version last read; readiness reports the database.
        }
        ActiveRules active = engine.active();
        RuleStatusView.Cluster cluster = reloads.followsCluster()
                ? new RuleStatusView.Cluster(reloads.clusterVersionId(), active.version().id(), reloads.behindCluster(),
                        reloads.clusterVersionFailedHere())
                : null;
        return new RuleStatusView(view(active, null), reloads.lastAttempt(), reloadConfig.enabled(), cluster);
    }

    @POST
    @Path("/reload")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Compile the rule files on disk now and activate them",
            description = "200 with the new version, or the active one (changed=false) when the files did not "
                    + "change; 422 with every compile error or failing rule test, the active version keeps serving. "
                    + "force=true activates despite failing rule tests (the version's trigger records it).")
    @APIResponse(responseCode = "422", description = "The rules do not compile, or fail a rule test or blocking lint check (force=true activates past the latter): every error, located; the active version keeps serving",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RuleCompileProblem.class)))
    @APIResponse(responseCode = "200", description = "The active version: new, or unchanged (changed: false) when the files are the same")
        public RuleVersionView reload(@QueryParam("force") boolean force) {
        RuleReloadService.Result result = reloads.reload("reload", force);
        return view(result.active(), result.changed());
    }

    @PUT
    @Path("/files/{path: .+}")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Upload a rule file (DRL or decision table) and activate it",
            description = "path starts with the directory: rules/foo.drl, decision-tables/bar.xlsx. The files on disk "
                    + "plus this one are compiled first; only if they compile is the file written (atomically) and "
                    + "activated. 422 with every compile error otherwise, and nothing is written.")
    @APIResponse(responseCode = "422", description = "The rules do not compile, or fail a rule test or blocking lint check (force=true activates past the latter): every error, located; the active version keeps serving",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RuleCompileProblem.class)))
    @APIResponse(responseCode = "413", description = "The file is larger than routing.reload.max-file-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "200", description = "Written and active")
    @APIResponse(responseCode = "404", description = "No rule file can live at this path (e.g. it climbs out of the"
            + " rule directories with ..)")
    public RuleVersionView upload(@PathParam("path") String path, @QueryParam("force") boolean force, byte[] body) {
        if (body == null) {
            throw new ProblemException(Problem.invalid("A rule file is required",
                    List.of(new Problem.FieldError("body", "send the file's bytes as the request body"))));
        }
        RuleReloadService.Result result = reloads.upload(path, body, force);
        return view(result.active(), result.changed());
    }

    @DELETE
    @Path("/files/{path: .+}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a rule file and activate the rules without it",
            description = "The remaining files are compiled first; only if they compile is the file deleted. 422 with "
                    + "every compile error otherwise. A rule-test file (rules/tests/…) is removed without a compile: it stops "
                    + "gating at once and the active version stays (changed=false). 404 when no such file exists.")
    @APIResponse(responseCode = "422", description = "The rules do not compile, or fail a rule test or blocking lint check (force=true activates past the latter): every error, located; the active version keeps serving",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RuleCompileProblem.class)))
    @APIResponse(responseCode = "200", description = "Deleted and the rules without it active")
    @APIResponse(responseCode = "404", description = "No such rule file")
    public RuleVersionView delete(@PathParam("path") String path) {
        RuleReloadService.Result result = reloads.delete(path);
        return view(result.active(), result.changed());
    }

    @GET
    @Path("/versions")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Every activated rule version, newest first (the latest " + HISTORY_LIMIT + ")")
    public List<RuleVersionView> versions() {
        long activeSequence = engine.active().version().sequence();
        return history.newestFirst(HISTORY_LIMIT).stream().map(entry -> new RuleVersionView(entry.version().versionId,
                entry.version().sequence, entry.version().contentHash, entry.version().triggeredBy,
                entry.version().activatedAt, entry.version().ruleCount, entry.version().compileMillis,
                entry.version().sequence == activeSequence, null,
                entry.files().stream().map(RulesResource::view).toList())).toList();
    }

    @POST
    @Path("/versions/{version}/activate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Roll back to an earlier version",
            description = "version is the sequence (3), v3, or the full id. Its files are compiled, written back to "
                    + "disk (files it did not have are deleted) and activated as a new version whose trigger says "
                    + "'rollback to v3'.")
    @APIResponse(responseCode = "422", description = "The rules do not compile, or fail a rule test or blocking lint check (force=true activates past the latter): every error, located; the active version keeps serving",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RuleCompileProblem.class)))
    @APIResponse(responseCode = "200", description = "The version's files written back and active as a new version")
    @APIResponse(responseCode = "404", description = "No such rule version")
    @APIResponse(responseCode = "410", description = "Retention removed this version's files; it cannot be restored")
    public RuleVersionView activate(@PathParam("version") String version, @QueryParam("force") boolean force) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new ProblemException(Problem.invalid("Not a rule version",
                    List.of(new Problem.FieldError("version", "must be a sequence number such as 3, or an id such as "
                            + "v3-1a2b3c4d5e6f"))));
        }
        long sequence = Long.parseLong(m.group(1));
        if (m.group(2) != null) {
            if (!history.versionId(sequence).map(version::equals).orElse(false)) {
                throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found",
                        "Not found", "no rule version " + version));
            }
        }
        RuleReloadService.Result result = reloads.rollback(sequence, force);
        return view(result.active(), result.changed());
    }

    private RuleVersionView view(ActiveRules active, Boolean changed) {
        List<RuleFileView> fileViews = active.rules().sources().sources().stream()
                .map(s -> new RuleFileView(s.path(), s.sha256(), s.content().length)).toList();
        return new RuleVersionView(active.version().id(), active.version().sequence(), active.version().contentHash(),
                active.version().trigger(), active.version().activatedAt(), active.rules().ruleCount(),
                active.rules().compileTime().toMillis(), engine.active().version().sequence() == active.version().sequence(),
                changed, fileViews);
    }

    private static RuleFileView view(RuleVersionRepository.FileSummary file) {
        return new RuleFileView(file.path(), file.sha256(), file.sizeBytes());
    }
}
