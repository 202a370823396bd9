package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** A document with a large text body. */
@Entity
@Table(name = "it_document")
public class Document {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    @Lob
    public String body;

    public Document() {
    }

    public Document(String code, String body) {
        this.code = code;
        this.body = body;
    }
}
