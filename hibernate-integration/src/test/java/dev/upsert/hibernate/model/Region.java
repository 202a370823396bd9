package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Keyed by an assigned integer identifier: on SQLite, the rowid, which no index reports. */
@Entity
@Table(name = "it_region")
public class Region {

    @Id
    @NaturalKey
    public Integer code;

    public String name;

    public Region() {
    }

    public Region(Integer code, String name) {
        this.code = code;
        this.name = name;
    }
}
