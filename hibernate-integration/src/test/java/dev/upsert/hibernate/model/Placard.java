package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** A column written through SQL of the mapping's own ({@code @ColumnTransformer}), which the upsert applies. */
@Entity
@Table(name = "it_placard")
public class Placard {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    @ColumnTransformer(read = "lower(caption)", write = "upper(?)")
    public String caption;

    public Placard() {
    }

    public Placard(String code, String caption) {
        this.code = code;
        this.caption = caption;
    }
}
