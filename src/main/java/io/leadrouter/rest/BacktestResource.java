package io.leadrouter.rest;

import io.leadrouter.rest.exception.RuleCompileProblem;
import io.leadrouter.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.leadrouter.backtest.BacktestService;
import io.leadrouter.backtest.BadInputException;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.persistence.DecisionScanRepository;
import io.leadrouter.reload.RuleFileRejectedException;
import io.leadrouter.reload.RuleFileStore;
import io.leadrouter.reload.RuleHistory;
import io.leadrouter.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Base64;
import java.util.Map;

@Path("/api/rules/backtest")
@Tag(name = "Rules")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {

    /**
     * A backtest request.
     *
     * @param files    changed or added files by API path ({@code decision-tables/territories.xlsx}), content in
     *                 base64; a null content removes the file. Applied on top of the active version.
     * @param version  instead of files: a stored version's sequence number
     * @param from     decision-log window start (inclusive), when replaying the log
     * @param to       window end (exclusive)
     * @param team     only decisions of this team
     * @param source   only leads of this source
     * @param csv      instead of the log: a CSV of leads, header = lead field names
     * @param page     page of changed leads (0-based)
     * @param pageSize changed leads per page (default 50, at most 500)
     */
    public record BacktestRequest(Map<String, String> files, Long version, Instant from, Instant to, String team,
                                  String source, String csv, Integer page, Integer pageSize) {
    }

    private final RuleEngine engine;
    private final RuleFileStore files;
    private final RuleHistory history;
    private final BacktestService backtests;

    public BacktestResource(RuleEngine engine, RuleFileStore files, RuleHistory history, BacktestService backtests) {
        this.engine = engine;
        this.files = files;
        this.history = history;
        this.backtests = backtests;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Replay leads against the active rules and a candidate; nothing is written",
            description = "Candidate: files (base64) on top of the active version, or a stored version. Leads: the "
                    + "decision log's lead snapshots in from/to (optional team, source) or a CSV. Rule-level targets are "
                    + "exact; which rep of a pool is simulated on an in-memory copy of today's pool state. 422 when the candidate does not compile.")
    @APIResponse(responseCode = "200", description = "The difference between the active rules and the candidate")
    @APIResponse(responseCode = "404", description = "No such stored rule version")
    @APIResponse(responseCode = "410", description = "Retention removed the stored version's files")
    @APIResponse(responseCode = "422", description = "The candidate does not compile: every error, located",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RuleCompileProblem.class)))
    public BacktestService.Report backtest(BacktestRequest request) {
        if (request == null) {
            throw BadInputException.at(null, "body", "send a JSON body with files or version, and from/to or csv");
        }
        int page = request.page() == null ? 0 : request.page();
        int pageSize = request.pageSize() == null ? 50 : request.pageSize();
        if (page < 0 || pageSize < 1 || pageSize > 500) {
            throw BadInputException.at(null, "pageSize", "page must be 0 or more and pageSize 1 to 500");
        }
        RuleSourceSet candidate = candidate(request);
        var compiled = engine.compile(candidate);
        if (request.csv() != null) {
            return backtests.fromCsv(compiled, request.csv(), page, pageSize);
        }
        if (request.from() == null || request.to() == null || !request.from().isBefore(request.to())) {
            throw BadInputException.at(null, "from", "give from and to (from before to), or a csv of leads");
        }
        return backtests.fromLog(compiled, new DecisionScanRepository.Window(request.from(), request.to(),
                blankToNull(request.team()), blankToNull(request.source())), page, pageSize);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "The backtest with the candidate's files as parts",
            description = "Each file part is named by its API path (decision-tables/territories.xlsx); a part named "
                    + "csv is the lead CSV; form fields remove (a path, repeatable), version, from, to, team, source, "
                    + "page, pageSize as in the JSON request.")
    @APIResponse(responseCode = "200", description = "The difference between the active rules and the candidate")
    @APIResponse(responseCode = "404", description = "No such stored rule version")
    @APIResponse(responseCode = "410", description = "Retention removed the stored version's files")
    @APIResponse(responseCode = "422", description = "The candidate does not compile: every error, located",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RuleCompileProblem.class)))
    public BacktestService.Report backtestMultipart(@RestForm(FileUpload.ALL) List<FileUpload> parts,
                                                    @RestForm List<String> remove, @RestForm String version,
                                                    @RestForm String from, @RestForm String to, @RestForm String team,
                                                    @RestForm String source, @RestForm String page,
                                                    @RestForm String pageSize) {
        Map<String, String> changes = new LinkedHashMap<>();
        String csv = null;
        for (FileUpload part : parts == null ? List.<FileUpload>of() : parts) {
            byte[] content;
            try {
                content = Files.readAllBytes(part.uploadedFile());
            } catch (IOException e) {
                throw new UncheckedIOException("the uploaded part " + part.name() + " could not be read", e);
            }
            if (part.name().equals("csv")) {
                csv = new String(content, StandardCharsets.UTF_8);
            } else {
                files.checkSize(content.length);
                changes.put(part.name(), Base64.getEncoder().encodeToString(content));
            }
        }
        for (String removed : remove == null ? List.<String>of() : remove) {
            if (!removed.isBlank()) {
                changes.put(removed.trim(), null);
            }
        }
        return backtest(new BacktestRequest(changes.isEmpty() ? null : changes, number("version", version),
                instant("from", from), instant("to", to), team, source, csv,
                number("page", page) == null ? null : number("page", page).intValue(),
                number("pageSize", pageSize) == null ? null : number("pageSize", pageSize).intValue()));
    }

    private static Long number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw BadInputException.at(null, field, "'" + text + "' is not a whole number");
        }
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw BadInputException.at(null, field, "'" + text + "' is not an ISO-8601 instant such as 2026-01-31T09:00:00Z");
        }
    }

    private RuleSourceSet candidate(BacktestRequest request) {
        if (request.version() != null) {
            if (request.files() != null) {
                throw BadInputException.at(null, "version", "give files or version, not both");
            }
            Map<String, byte[]> contents = history.contents(request.version()).orElseThrow(() ->
                    new RuleFileRejectedException(RuleFileRejectedException.Reason.NOT_FOUND, "no rule version " + request.version()))
                    .getValue();
            return new RuleSourceSet(contents.entrySet().stream()
                    .map(f -> new RuleSource(files.resolve(f.getKey()).sourcePath(), f.getValue())).toList());
        }
        if (request.files() == null || request.files().isEmpty()) {
            throw BadInputException.at(null, "files", "give the changed files (path → base64 content, null to remove) or a version");
        }
        RuleSourceSet set = engine.active().rules().sources();
        for (Map.Entry<String, String> change : request.files().entrySet()) {
            RuleFileStore.RuleFile file = files.resolve(change.getKey());
            if (change.getValue() == null) {
                set = RuleFileStore.without(set, file);
                continue;
            }
            byte[] content;
            try {
                content = Base64.getDecoder().decode(change.getValue());
            } catch (IllegalArgumentException e) {
                throw BadInputException.at(null, "files." + change.getKey(), "is not base64: " + e.getMessage());
            }
            files.checkSize(content.length);
            set = RuleFileStore.with(set, file, content);
        }
        return set;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

}
