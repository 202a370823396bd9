package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.SoftDelete;
import org.hibernate.annotations.SoftDeleteType;

/** Hibernate's soft delete as the time of deletion. */
@Entity
@Table(name = "it_flyer")
@SoftDelete(strategy = SoftDeleteType.TIMESTAMP)
public class Flyer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public Flyer() {
    }

    public Flyer(String code) {
        this.code = code;
    }
}
