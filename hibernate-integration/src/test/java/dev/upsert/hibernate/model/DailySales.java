package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A fact keyed by its composite identifier, an {@code @EmbeddedId}. */
@Entity
@Table(name = "it_daily_sales")
public class DailySales {

    @Embeddable
    public record Day(LocalDate soldOn, String store) {
    }

    @EmbeddedId
    @NaturalKey
    public Day id;

    public int units;

    public BigDecimal revenue;

    public DailySales() {
    }

    public DailySales(LocalDate soldOn, String store, int units, String revenue) {
        this.id = soldOn == null && store == null ? null : new Day(soldOn, store);
        this.units = units;
        this.revenue = new BigDecimal(revenue);
    }
}
