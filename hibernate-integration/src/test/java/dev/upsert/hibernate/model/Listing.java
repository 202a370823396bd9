package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.SoftDelete;

/** Hibernate's own soft delete: a hidden boolean column that its queries filter on. */
@Entity
@Table(name = "it_listing")
@SoftDelete
public class Listing {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String title;

    public Listing() {
    }

    public Listing(String code, String title) {
        this.code = code;
        this.title = title;
    }
}
