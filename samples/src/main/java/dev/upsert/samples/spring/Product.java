package dev.upsert.samples.spring;

import dev.upsert.Merge;
import dev.upsert.MergePolicy;
import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A catalogue product, keyed by its SKU; stock levels from the feed are added up. */
@Entity
@Table(name = "sample_product")
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @NaturalKey
    @Column(unique = true, nullable = false)
    private String sku;

    private String name;

    private BigDecimal price;

    @Merge(MergePolicy.ADD)
    private Integer received;

    protected Product() {
    }

    public Product(String sku, String name, BigDecimal price, int received) {
        this.sku = sku;
        this.name = name;
        this.price = price;
        this.received = received;
    }

    public Long getId() {
        return id;
    }

    public String getSku() {
        return sku;
    }

    public String getName() {
        return name;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public Integer getReceived() {
        return received;
    }
}
