package dev.upsert.hibernate.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;

import java.math.BigDecimal;

/** Sequence ids (pooled, 50 at a time) and a Hibernate {@code @NaturalId}. */
@Entity
@Table(name = "it_product")
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "it_product_seq")
    @SequenceGenerator(name = "it_product_seq", sequenceName = "it_product_seq")
    public Long id;

    @NaturalId
    public String sku;

    public String name;

    public BigDecimal price;

    public Product() {
    }

    public Product(String sku, String name, BigDecimal price) {
        this.sku = sku;
        this.name = name;
        this.price = price;
    }
}
