package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;

/** Joined inheritance with a discriminator column: a row of a subclass spans two tables. */
@Entity
@Table(name = "it_animal")
@Inheritance(strategy = InheritanceType.JOINED)
@DiscriminatorColumn(name = "kind")
public class Animal {
    @Id
    @GeneratedValue
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String tag;

    public Animal() {
    }

    public Animal(String tag) {
        this.tag = tag;
    }
}
