package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.util.Objects;

/** One file of a rule version, with its full content so the version can be restored. */
@Entity
@Table(name = "rule_version_file")
@IdClass(RuleVersionFileEntity.Key.class)
public class RuleVersionFileEntity extends PanacheEntityBase {

    @Id
    @Column(name = "version_sequence")
    public long versionSequence;
    /** As the API names it: {@code rules/foo.drl}, {@code decision-tables/bar.xlsx}. */
    @Id
    public String path;
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;
    /** VARBINARY maps to bytea on PostgreSQL and BINARY VARYING on H2, which is what the migration declares. */
    @JdbcTypeCode(SqlTypes.VARBINARY)
    public byte[] content;

    public static class Key implements Serializable {
        public long versionSequence;
        public String path;

        public Key() {
        }

        public Key(long versionSequence, String path) {
            this.versionSequence = versionSequence;
            this.path = path;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.versionSequence == versionSequence && Objects.equals(k.path, path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(versionSequence, path);
        }
    }
}
