package dev.upsert.units.shared;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity of both persistence units: each unit's repository writes to its own database. */
@Entity
@Table(name = "pu_tag")
public class Tag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true, nullable = false)
    public String code;

    public String label;

    protected Tag() {
    }

    public Tag(String code, String label) {
        this.code = code;
        this.label = label;
    }
}
