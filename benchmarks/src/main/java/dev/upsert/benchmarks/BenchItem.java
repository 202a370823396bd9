package dev.upsert.benchmarks;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;

import org.hibernate.SessionFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

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

    private static final OffsetDateTime SEEN = OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    /**
     * Row i of the benchmarks' data: keys i; as the batch has it, or as the table holds it before
     * a run (the second half of the batch's keys), where 80% of the rows have another name.
     */
    static BenchItem row(int i, boolean batch) {
        return new BenchItem("s" + i % 10, "c" + i, batch && i % 5 != 0 ? "item " + i + " v2" : "item " + i, i % 100,
                BigDecimal.valueOf(i % 10_000, 2), SEEN);
    }

    /**
     * Fails unless the table holds what a run of {@code size} rows leaves: every row, 80% of them
     * with the batch's new name.
     *
     * @param countSql the number of rows, then of rows named {@code '% v2'}, in this database's SQL
     */
    static void checkTable(String url, String countSql, int size) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(countSql)) {
            rs.next();
            long changed = IntStream.range(0, size).filter(i -> i % 5 != 0).count();
            if (rs.getLong(1) != size || rs.getLong(2) != changed) {
                throw new IllegalStateException("wrong table after the run: " + rs.getLong(1) + " rows, " + rs.getLong(2)
                        + " changed; expected " + size + " and " + changed);
            }
        }
    }

    /** The batch of a run: half of it new, 40% changed, 10% as stored. */
    static List<BenchItem> batch(int size) {
        List<BenchItem> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(row(i, true));
        }
        return items;
    }

    /** The Hibernate loop the library replaces: find each entity by natural id, then persist or modify it. */
    static void findThenPersist(SessionFactory factory, List<BenchItem> items) {
        factory.inTransaction(session -> {
            for (int i = 0; i < items.size(); i++) {
                BenchItem item = items.get(i);
                BenchItem existing = session.byNaturalId(BenchItem.class).using("source", item.source)
                        .using("code", item.code).load();
                if (existing == null) {
                    session.persist(item);
                } else {
                    existing.name = item.name;
                    existing.qty = item.qty;
                    existing.price = item.price;
                    existing.seenAt = item.seenAt;
                }
                if (i % 50 == 49) {
                    session.flush();
                    session.clear();
                }
            }
        });
    }
}
