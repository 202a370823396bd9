package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.SQLUpdate;

/** Hibernate updates it with SQL of the mapping's own (here, keeping the caption in upper case). */
@Entity
@Table(name = "it_banner")
@SQLUpdate(sql = "update it_banner set code = ?, caption = upper(?) where id = ?")
public class Banner {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String caption;

    public Banner() {
    }

    public Banner(String code, String caption) {
        this.code = code;
        this.caption = caption;
    }
}
