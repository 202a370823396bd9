package dev.upsert.hibernate.model;

import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.SQLRestriction;

/** Archived rows, which Hibernate's queries of every entity below skip. */
@MappedSuperclass
@SQLRestriction("archived = false")
public abstract class Archivable {

    public boolean archived;
}
