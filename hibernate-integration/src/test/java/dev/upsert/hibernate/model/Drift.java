package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A table the tests change under the mapping. */
@Entity
@Table(name = "it_drift")
public class Drift {

    @Id
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public Integer amount;

    public String note;

    public Drift() {
    }

    public Drift(long id, String code, Integer amount) {
        this.id = id;
        this.code = code;
        this.amount = amount;
    }
}
