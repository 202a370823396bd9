package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Keyed by the {@code @Id} attributes of an {@code @IdClass}. */
@Entity
@Table(name = "it_stock_level")
@IdClass(StockLevel.Key.class)
public class StockLevel {

    public record Key(String warehouse, String sku) {
    }

    @Id
    @NaturalKey
    public String warehouse;

    @Id
    @NaturalKey
    public String sku;

    public int quantity;

    public StockLevel() {
    }

    public StockLevel(String warehouse, String sku, int quantity) {
        this.warehouse = warehouse;
        this.sku = sku;
        this.quantity = quantity;
    }
}
