package io.leadrouter.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/** Every rule file of one version, sorted by path, and the hash that identifies their content as a whole. */
public record RuleSourceSet(List<RuleSource> sources) {

    public RuleSourceSet {
        sources = sources.stream().sorted(Comparator.comparing(RuleSource::path)).toList();
    }

    /**
     * SHA-256 over every path and file hash: equal sets have equal hashes, whatever order they were read in. The
     * paths are the API paths ({@code rules/x.drl}), so the same files under another directory on another instance
     * hash alike. V13 (db/migration) recomputes stored hashes the same way; keep the two in step.
     */
    public String contentHash() {
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        for (RuleSource source : sources) {
            manifest.writeBytes((source.path() + "\0" + source.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return RuleSource.sha256(manifest.toByteArray());
    }
}
