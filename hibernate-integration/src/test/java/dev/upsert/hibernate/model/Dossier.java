package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;

/** Audit columns in an embeddable, the creation time set once and the update time at each change. */
@Entity
@Table(name = "it_dossier")
public class Dossier {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String title;

    @Embedded
    public Audit audit = new Audit();

    @Embeddable
    public static class Audit {
        @CreationTimestamp
        public Instant createdOn;

        @UpdateTimestamp
        public Instant updatedOn;

        public String createdBy;
    }

    public Dossier() {
    }

    public Dossier(String code, String title, String by) {
        this.code = code;
        this.title = title;
        this.audit.createdBy = by;
    }
}
