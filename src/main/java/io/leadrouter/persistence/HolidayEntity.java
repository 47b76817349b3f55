package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreRemove;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** A public holiday in a region: reps with that holiday region take no leads on that (local) day. */
@Entity
@Table(name = "holiday")
@IdClass(HolidayEntity.Key.class)
public class HolidayEntity extends PanacheEntityBase {

    @Id
    public String region;
    @Id
    @Column(name = "holiday_date")
    public LocalDate day;
    public String name;

    /**
     * Any write of this entity, through the API or not, invalidates this instance's cached copy (other instances
     * learn of it from {@link ClusterChanges#publish}, which the API's writes call).
     */
    @PrePersist
    @PreUpdate
    @PreRemove
    void changed() {
        ClusterChanges.changedHereStatic(ClusterChanges.Topic.HOLIDAYS);
    }

    public static class Key implements Serializable {
        public String region;
        public LocalDate day;

        public Key() {
        }

        public Key(String region, LocalDate day) {
            this.region = region;
            this.day = day;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(region, k.region) && Objects.equals(day, k.day);
        }

        @Override
        public int hashCode() {
            return Objects.hash(region, day);
        }
    }
}
