package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Map;

/** A PostgreSQL json column (not jsonb): a type without an equality operator. */
@Entity
@Table(name = "it_json_doc")
public class JsonDoc {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "json")
    public Map<String, Object> payload;

    public JsonDoc() {
    }

    public JsonDoc(String code, Map<String, Object> payload) {
        this.code = code;
        this.payload = payload;
    }
}
