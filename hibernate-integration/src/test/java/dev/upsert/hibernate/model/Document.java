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

    /** JSON of an object whose toString() says nothing of its size. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    public Attachment attachment;

    /** A plain class, written by the format mapper. */
    public static class Attachment {
        public String name;
        public String content;

        public Attachment() {
        }

        public Attachment(String name, String content) {
            this.name = name;
            this.content = content;
        }
    }

    public Document() {
    }

    public Document(String code, String body) {
        this.code = code;
        this.body = body;
    }
}
