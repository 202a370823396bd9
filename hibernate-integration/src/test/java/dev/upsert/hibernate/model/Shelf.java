package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Rows Hibernate's queries do not see (its superclass's {@code @SQLRestriction}): archived ones, kept by a sync. */
@Entity
@Table(name = "it_shelf")
public class Shelf extends Archivable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String aisle;

    public Shelf() {
    }

    public Shelf(String code, String aisle) {
        this.code = code;
        this.aisle = aisle;
    }
}
