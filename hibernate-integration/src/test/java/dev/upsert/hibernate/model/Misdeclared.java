package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** @NaturalKey on the identifier and on another attribute: which one keys a row is unclear. */
@Entity
@Table(name = "it_misdeclared")
public class Misdeclared {

    @Id
    @NaturalKey
    public String code;

    @NaturalKey
    public String alias;

    public Misdeclared() {
    }
}
