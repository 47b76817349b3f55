package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** The history of activated rule versions. */
@ApplicationScoped
public class RuleVersionRepository implements PanacheRepositoryBase<RuleVersionEntity, Long> {

    /** A file of a version without its content, for listings. */
    public record FileSummary(long versionSequence, String path, String sha256, long sizeBytes) {
    }

    public long maxSequence() {
        Long max = getEntityManager().createQuery("select max(v.sequence) from RuleVersionEntity v", Long.class)
                .getSingleResult();
        return max == null ? 0 : max;
    }

    public List<RuleVersionEntity> newestFirst(int limit) {
        return findAll(Sort.descending("sequence")).page(0, limit).list();
    }

    /** Path, hash and size of every file of the given versions; the contents stay in the database. */
    public List<FileSummary> fileSummaries(List<Long> sequences) {
        if (sequences.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("select f.versionSequence, f.path, f.sha256, f.sizeBytes from RuleVersionFileEntity f"
                        + " where f.versionSequence in :sequences order by f.path", FileSummary.class)
                .setParameter("sequences", sequences).getResultList();
    }

    public List<RuleVersionFileEntity> files(long sequence) {
        return RuleVersionFileEntity.list("versionSequence", Sort.ascending("path"), sequence);
    }

    public Optional<RuleVersionEntity> findBySequence(long sequence) {
        return findByIdOptional(sequence);
    }

    /** The newest recorded version: the cluster's active one. */
    public Optional<RuleVersionEntity> newest() {
        return findAll(Sort.descending("sequence")).page(0, 1).firstResultOptional();
    }

    /** Whether any recorded version had exactly this content. */
    public boolean hasContent(String contentHash) {
        return count("contentHash", contentHash) > 0;
    }
}
