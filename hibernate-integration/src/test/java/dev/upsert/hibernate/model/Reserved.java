package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** Names that only work quoted: a mixed-case table, reserved-word columns; a UUID id made in Java. */
@Entity
@Table(name = "\"It Mixed\"")
public class Reserved {

    @Id
    @GeneratedValue
    public UUID id;

    @NaturalKey
    @Column(name = "\"order\"", unique = true)
    public Integer order;

    @Column(name = "\"Select\"")
    public String select;

    public Reserved() {
    }

    public Reserved(Integer order, String select) {
        this.order = order;
        this.select = select;
    }
}
