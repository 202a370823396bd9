package dev.upsert.benchmarks;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Seven columns: an identity id, a two-part natural key and four data columns. */
@Entity
@Table(name = "bench_item")
public class BenchItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @NaturalKey
    @NaturalId
    String source;

    @NaturalKey
    @NaturalId
    String code;

    String name;

    Integer qty;

    BigDecimal price;

    @Column(name = "seen_at")
    OffsetDateTime seenAt;

    protected BenchItem() {
    }

    BenchItem(String source, String code, String name, int qty, BigDecimal price, OffsetDateTime seenAt) {
        this.source = source;
        this.code = code;
        this.name = name;
        this.qty = qty;
        this.price = price;
        this.seenAt = seenAt;
    }
}
