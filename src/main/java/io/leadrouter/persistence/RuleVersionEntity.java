package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One activated rule version. Its files are in {@link RuleVersionFileEntity}. */
@Entity
@Table(name = "rule_version")
public class RuleVersionEntity extends PanacheEntityBase {

    @Id
    public long sequence;
    /** {@code v3-1a2b3c4d5e6f}, as decisions record it. */
    @Column(name = "version_id")
    public String versionId;
    @Column(name = "content_hash")
    public String contentHash;
    /** {@code startup}, {@code reload}, {@code upload rules/x.drl}, {@code rollback to v2} ... */
    @Column(name = "triggered_by")
    public String triggeredBy;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "compile_millis")
    public long compileMillis;
    @Column(name = "rule_count")
    public int ruleCount;
    /** When retention removed this version's file contents (its row and hash stay); null while it has them. */
    @Column(name = "files_removed_at")
    public Instant filesRemovedAt;
}
