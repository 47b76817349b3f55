package io.leadrouter.console;

import io.leadrouter.engine.RuleCompilationException;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.RuleError;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.reload.RuleFileRejectedException;
import io.leadrouter.reload.RuleFileStore;
import io.leadrouter.rest.RuleFileView;
import io.leadrouter.rest.RuleVersionView;
import io.leadrouter.rest.RulesResource;
import io.leadrouter.problem.ProblemException;
import io.leadrouter.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Rules page: what is serving, how the latest change went, upload, delete, download, preview, version history with
 * diffs and rollback. Every change goes through {@link RulesResource}, so it is compiled before anything is written,
 * exactly as with the API.
 */
@Path("/console/rules")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class RulesConsoleResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    /** A version of the history with what changed against the version before it. */
    public record VersionRow(RuleVersionView version, List<String> added, List<String> removed, List<String> changed) {
        public boolean unchanged() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    private final RulesResource rules;
    private final RuleEngine engine;
    private final RuleFileStore files;
    private final ConsoleSession session;
    private final Template page;
    private final Template preview;
    private final Template rollback;

    public RulesConsoleResource(RulesResource rules, RuleEngine engine, RuleFileStore files, ConsoleSession session,
                                @Location("console/rules.html") Template page,
                                @Location("console/rule-file.html") Template preview,
                                @Location("console/rollback.html") Template rollback) {
        this.rules = rules;
        this.engine = engine;
        this.files = files;
        this.session = session;
        this.page = page;
        this.preview = preview;
        this.rollback = rollback;
    }

    @GET
    public String show(@QueryParam("done") String done) {
        return view(done, null, List.of()).render();
    }

    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("_csrf") String csrf, @RestForm String directory, @RestForm String saveAs,
                           @RestForm("file") FileUpload file) {
        session.verifyCsrf(csrf);
        session.requireAdmin();
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            return failed(400, "Choose a .drl, .xlsx, .xls or .csv file to upload.", List.of());
        }
        String path = saveAs != null && !saveAs.isBlank() ? saveAs.trim()
                : ("decision-tables".equals(directory) ? "decision-tables/" : "rules/") + file.fileName();
        byte[] content;
        try {
            content = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return change(() -> rules.upload(path, false, content), "uploaded " + path);
    }

    @POST
    @Path("delete")
    public Response delete(@FormParam("_csrf") String csrf, @FormParam("path") String path) {
        session.verifyCsrf(csrf);
        session.requireAdmin();
        return change(() -> rules.delete(path), "deleted " + path);
    }

    /** The confirmation step of a rollback: what would change, and the button. */
    @GET
    @Path("rollback")
    public String confirmRollback(@QueryParam("sequence") long sequence) {
        RuleVersionView active = rules.status().active();
        RuleVersionView target = rules.versions().stream().filter(v -> v.sequence() == sequence).findFirst()
                .orElseThrow(() -> new ConsoleRefusal(404, "No such rule version", "There is no rule version " + sequence + "."));
        return session.page(rollback, "rules", "Roll back to v" + sequence).data("target", target)
                .data("activeVersion", active).data("diff", diff(target, active)).render();
    }

    @POST
    @Path("rollback")
    public Response rollback(@FormParam("_csrf") String csrf, @FormParam("sequence") String sequence) {
        session.verifyCsrf(csrf);
        session.requireAdmin();
        return change(() -> rules.activate(sequence, false), "rolled back to v" + sequence);
    }

    @GET
    @Path("file")
    public String file(@QueryParam("path") String path) {
        RuleSource source = source(path);
        return session.page(preview, "rules", source.path()).data("path", source.path())
                .data("size", source.content().length).data("sha256", source.sha256())
                .data("preview", RuleFilePreview.of(source, engine.active().rules().origins())).render();
    }

    @GET
    @Path("download")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@QueryParam("path") String path) {
        RuleSource source = source(path);
        String name = source.path();
        name = name.substring(name.lastIndexOf('/') + 1);
        return Response.ok(source.content(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"").build();
    }

    /** A file of the active version, by its API path or by the source path decisions record. */
    private RuleSource source(String path) {
        return engine.active().rules().sources().sources().stream()
                .filter(s -> s.path().equals(path)).findFirst()
                .orElseThrow(() -> new ConsoleRefusal(404, "No such rule file",
                        "The active rule version has no file " + path + "."));
    }

    private Response change(java.util.function.Supplier<RuleVersionView> action, String what) {
        try {
            RuleVersionView result = action.get();
            String done = Boolean.FALSE.equals(result.changed()) ? what + ": same content as the active version, nothing new activated"
                    : what + ": " + result.id() + " is active";
            return Response.seeOther(URI.create("/console/rules?done=" + URLEncoder.encode(done, StandardCharsets.UTF_8))).build();
        } catch (RuleCompilationException e) {
            return failed(422, "Not activated: the rules do not compile. " + rules.status().active().id()
                    + " keeps serving.", e.errors());
        } catch (RuleFileRejectedException e) {
            return failed(e.reason() == RuleFileRejectedException.Reason.NOT_FOUND ? 404 : 400, e.getMessage(), List.of());
        } catch (ProblemException e) {
            String detail = e.problem().detail() + (e.problem().errors() == null ? "" : e.problem().errors().stream()
                    .map(f -> " " + f.field() + ": " + f.message()).collect(Collectors.joining(";")));
            return failed(e.problem().status(), detail, List.of());
        } catch (UncheckedIOException e) {
            return failed(500, "The rule files could not be written: " + e.getMessage(), List.of());
        }
    }

    private Response failed(int status, String message, List<RuleError> errors) {
        return Response.status(status).type(HTML).entity(view(null, message, errors).render()).build();
    }

    private TemplateInstance view(String done, String failure, List<RuleError> errors) {
        var status = rules.status();
        List<RuleVersionView> versions = rules.versions();
        List<VersionRow> rows = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            RuleVersionView version = versions.get(i);
            rows.add(i + 1 < versions.size() ? diff(versions.get(i + 1), version) : new VersionRow(version,
                    version.files().stream().map(RuleFileView::path).toList(), List.of(), List.of()));
        }
        return session.page(page, "rules", "Rules").data("status", status).data("versions", rows)
                .data("done", done).data("failure", failure).data("errors", errors);
    }

    /** What changes going from {@code from} to {@code to}, by file path and hash. */
    static VersionRow diff(RuleVersionView from, RuleVersionView to) {
        Map<String, String> before = from.files().stream().collect(Collectors.toMap(RuleFileView::path, RuleFileView::sha256));
        Map<String, String> after = to.files().stream().collect(Collectors.toMap(RuleFileView::path, RuleFileView::sha256));
        List<String> added = after.keySet().stream().filter(p -> !before.containsKey(p)).sorted().toList();
        List<String> removed = before.keySet().stream().filter(p -> !after.containsKey(p)).sorted().toList();
        List<String> changed = after.keySet().stream().filter(p -> before.containsKey(p) && !before.get(p).equals(after.get(p)))
                .sorted().toList();
        return new VersionRow(to, added, removed, changed);
    }
}
