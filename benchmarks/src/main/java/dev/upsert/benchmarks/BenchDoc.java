package dev.upsert.benchmarks;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Map;

/** A document: an identity id, a two-part natural key, a name, a jsonb payload and a 32-byte digest. */
@Entity
@Table(name = "bench_doc", uniqueConstraints = @jakarta.persistence.UniqueConstraint(columnNames = {"source", "code"}))
public class BenchDoc {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @NaturalKey
    String source;

    @NaturalKey
    String code;

    String name;

    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Object> payload;

    byte[] digest;

    protected BenchDoc() {
    }

    BenchDoc(String source, String code, String name, Map<String, Object> payload, byte[] digest) {
        this.source = source;
        this.code = code;
        this.name = name;
        this.payload = payload;
        this.digest = digest;
    }
}
