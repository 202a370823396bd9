package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Reference data keyed by its assigned identifier. */
@Entity
@Table(name = "it_country")
public class Country {

    @Id
    @NaturalKey
    public String code;

    public String name;

    public Long population;

    @Version
    public Integer version;

    public Country() {
    }

    public Country(String code, String name, Long population) {
        this.code = code;
        this.name = name;
        this.population = population;
    }
}
