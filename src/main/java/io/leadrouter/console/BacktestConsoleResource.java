package io.leadrouter.console;

import io.leadrouter.backtest.BacktestService;
import io.leadrouter.backtest.BadInputException;
import io.leadrouter.engine.RuleCompilationException;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleError;
import io.leadrouter.reload.RuleFileRejectedException;
import io.leadrouter.rest.BacktestResource;
import io.leadrouter.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Test this change": a candidate rule file replayed against the decision log, before → after, on a page. The backtest
 * is the API's ({@link BacktestResource}, so {@link BacktestService}) called in-process: the candidate is the active
 * version with the uploaded file added or replacing its namesake, compiled, and nothing is written. Ops and admins.
 */
@Path("/console/rules/backtest")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class BacktestConsoleResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final int CHANGED_LEADS_SHOWN = 50;

    /** What the person typed, to render the form again. */
    public record Fields(String replaces, String from, String to) {
    }

    private final BacktestResource backtests;
    private final RuleEngine engine;
    private final ConsoleSession session;
    private final Template page;

    public BacktestConsoleResource(BacktestResource backtests, RuleEngine engine,
                                   ConsoleSession session, @Location("console/backtest.html") Template page) {
        this.backtests = backtests;
        this.engine = engine;
        this.session = session;
        this.page = page;
    }

    @GET
    public String form() {
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Fields fields = new Fields("", local(to.minus(DEFAULT_WINDOW)), local(to));
        return render(fields, Map.of(), null, List.of(), null);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response backtest(@RestForm("_csrf") String csrf, @RestForm String replaces, @RestForm String from,
                             @RestForm String to, @RestForm("file") FileUpload file) {
        session.verifyCsrf(csrf);
        Fields fields = new Fields(orEmpty(replaces), orEmpty(from), orEmpty(to));
        Map<String, String> errors = new LinkedHashMap<>();
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.put("to", "must be after From");
        }
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            errors.put("file", "choose the candidate .drl, .xlsx, .xls or .csv file");
        }
        if (!errors.isEmpty()) {
            return answer(400, fields, errors, null, List.of(), null);
        }
        String path = replaces != null && !replaces.isBlank() ? replaces.trim() : defaultPath(file.fileName());
        byte[] content;
        try {
            content = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            BacktestService.Report report = backtests.backtest(new BacktestResource.BacktestRequest(
                    Map.of(path, Base64.getEncoder().encodeToString(content)), null, fromInstant, toInstant, null, null,
                    null, 0, CHANGED_LEADS_SHOWN));
            return answer(200, fields, errors, null, List.of(), new BacktestSummary(path, report));
        } catch (RuleCompilationException e) {
            return answer(422, fields, errors, "The candidate does not compile, so it cannot be tested; nothing "
                    + "changed and " + engine.active().version().id() + " keeps serving.", e.errors(), null);
        } catch (RuleFileRejectedException e) {
            errors.put(replaces != null && !replaces.isBlank() ? "replaces" : "file", path + ": " + e.getMessage());
            return answer(e.reason() == RuleFileRejectedException.Reason.TOO_LARGE ? 413 : 400, fields, errors, null,
                    List.of(), null);
        } catch (BadInputException e) {
            for (BadInputException.InputError error : e.errors()) {
                String field = error.field() == null ? "file" : error.field();
                errors.put(field.equals("from") || field.equals("to") ? field : "file", error.message());
            }
            return answer(400, fields, errors, null, List.of(), null);
        }
    }

    /** Where the candidate goes: {@code rules/} for DRL, {@code decision-tables/} for tables, by its name. */
    static String defaultPath(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return (name.toLowerCase(Locale.ROOT).endsWith(".drl") ? "rules/" : "decision-tables/") + name;
    }

    private Response answer(int status, Fields fields, Map<String, String> errors, String failure,
                            List<RuleError> compileErrors, BacktestSummary summary) {
        return Response.status(status).type(HTML)
                .entity(render(fields, errors, failure, compileErrors, summary)).build();
    }

    private String render(Fields fields, Map<String, String> errors, String failure, List<RuleError> compileErrors,
                          BacktestSummary summary) {
        List<String> activeFiles = engine.active().rules().sources().sources().stream().map(RuleSource::path)
                .sorted().toList();
        return session.page(page, "rules", "Test a rule change").data("fields", fields).data("errors", errors)
                .data("failure", failure).data("compileErrors", compileErrors).data("summary", summary)
                .data("activeFiles", activeFiles).data("activeVersion", engine.active().version().id())
                .render();
    }

    /** A browser's date-time field (no zone: read as UTC), or an ISO instant. */
    private static Instant instant(String name, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put(name, "give a date and time such as 2026-01-31T09:00 (UTC)");
            return null;
        }
        return DateTimeField.parse(name, value, errors);
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
