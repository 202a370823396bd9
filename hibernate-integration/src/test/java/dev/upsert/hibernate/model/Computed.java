package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

/** A natural key that is a formula: there is no column to match on. */
@Entity
@Table(name = "it_computed")
public class Computed {
    @Id
    @GeneratedValue
    public Long id;

    public String code;

    @NaturalKey
    @Formula("upper(code)")
    public String upperCode;

    public Computed() {
    }
}
