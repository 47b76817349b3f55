package io.leadrouter.reload;

import io.leadrouter.engine.ActiveRules;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.persistence.RuleVersionEntity;
import io.leadrouter.persistence.RuleVersionFileEntity;
import io.leadrouter.persistence.RuleVersionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every activated rule version with its files, in the database, for the history listing and rollbacks. */
@ApplicationScoped
public class RuleHistory {

    private final RuleVersionRepository versions;

    public RuleHistory(RuleVersionRepository versions) {
        this.versions = versions;
    }

    /** The highest sequence recorded, 0 for none: numbering continues after it across restarts. */
    public long lastSequence() {
        return QuarkusTransaction.requiringNew().call(versions::maxSequence);
    }

    /** Records a version that was just activated. Runs in its own transaction (called from the compile thread). */
    public void record(ActiveRules active) {
        QuarkusTransaction.requiringNew().run(() -> {
            RuleVersionEntity version = new RuleVersionEntity();
            version.sequence = active.version().sequence();
            version.versionId = active.version().id();
            version.contentHash = active.version().contentHash();
            version.triggeredBy = truncate(active.version().trigger(), 1000);
            version.activatedAt = active.version().activatedAt();
            version.compileMillis = active.rules().compileTime().toMillis();
            version.ruleCount = active.rules().ruleCount();
            versions.persist(version);
            for (RuleSource source : active.rules().sources().sources()) {
                RuleVersionFileEntity file = new RuleVersionFileEntity();
                file.versionSequence = version.sequence;
                file.path = source.path();
                file.sha256 = source.sha256();
                file.sizeBytes = source.content().length;
                file.content = source.content();
                file.persist();
            }
        });
    }

    /** A recorded version with its file summaries (no contents). */
    public record Entry(RuleVersionEntity version, List<RuleVersionRepository.FileSummary> files) {
    }

    public List<Entry> newestFirst(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<RuleVersionEntity> list = versions.newestFirst(limit);
            Map<Long, List<RuleVersionRepository.FileSummary>> byVersion = new LinkedHashMap<>();
            for (RuleVersionRepository.FileSummary f : versions.fileSummaries(list.stream().map(v -> v.sequence).toList())) {
                byVersion.computeIfAbsent(f.versionSequence(), k -> new ArrayList<>()).add(f);
            }
            return list.stream().map(v -> new Entry(v, byVersion.getOrDefault(v.sequence, List.of()))).toList();
        });
    }

    /** The id ({@code v3-1a2b3c4d5e6f}) recorded for a sequence number. */
    public Optional<String> versionId(long sequence) {
        return QuarkusTransaction.requiringNew().call(() -> versions.findBySequence(sequence).map(v -> v.versionId));
    }

    /**
     * The version and its files' contents by API path, for a rollback.
     *
     * @throws RuleFileRejectedException (GONE) when retention removed the version's files
     */
    public Optional<Map.Entry<RuleVersionEntity, Map<String, byte[]>>> contents(long sequence) {
        return QuarkusTransaction.requiringNew().call(() -> versions.findBySequence(sequence).map(v -> {
            if (v.filesRemovedAt != null) {
                throw new RuleFileRejectedException(RuleFileRejectedException.Reason.GONE, "the files of rule version "
                        + v.versionId + " were removed by retention on " + v.filesRemovedAt
                        + " (routing.retention.rule-versions-kept); its record stays in the history");
            }
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (RuleVersionFileEntity f : versions.files(sequence)) {
                contents.put(f.path, f.content);
            }
            return Map.entry(v, contents);
        }));
    }

    /** A recorded version's identity: what an instance compares with what it serves, and the id it adopts. */
    public record Published(long sequence, String contentHash, String versionId) {
    }

    /** The newest recorded version, the cluster's active one; empty when none. */
    public Optional<Published> newest() {
        return QuarkusTransaction.requiringNew().call(() -> versions.newest()
                .map(v -> new Published(v.sequence, v.contentHash, v.versionId)));
    }

    /** Whether some recorded version had exactly this content (then the disk files are not news to the cluster). */
    public boolean knowsContent(String contentHash) {
        return QuarkusTransaction.requiringNew().call(() -> versions.hasContent(contentHash));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
