package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.SQLInsert;

/** Hibernate inserts it with SQL of the mapping's own, here one that keeps the title in upper case. */
@Entity
@Table(name = "it_poster")
@SQLInsert(sql = "insert into it_poster (code, title) values (?, upper(?))")
public class Poster {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String title;

    public Poster() {
    }

    public Poster(String code, String title) {
        this.code = code;
        this.title = title;
    }
}
