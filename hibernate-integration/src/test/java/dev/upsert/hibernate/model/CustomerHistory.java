package dev.upsert.hibernate.model;

import dev.upsert.Current;
import dev.upsert.NaturalKey;
import dev.upsert.Tracked;
import dev.upsert.ValidFrom;
import dev.upsert.ValidTo;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A customer dimension that keeps history (SCD type 2): name and city are tracked, email is not.
 * Hibernate's delete closes the version ({@code @SQLDelete}), as a sync does.
 */
@Entity
@org.hibernate.annotations.SQLDelete(sql = "update it_history set is_current = false where id = ?")
@Table(name = "it_history", indexes = @Index(name = "it_history_version", columnList = "customerId, validFrom", unique = true))
public class CustomerHistory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    public String customerId;

    @Tracked
    public String name;

    @Tracked
    public String city;

    public String email;

    @Tracked
    @Column(precision = 10, scale = 2)
    public java.math.BigDecimal creditLimit;

    @Tracked
    @Column(columnDefinition = "char(3)")
    public String grade;

    @Tracked
    public java.time.LocalDateTime lastSeen;

    /** Microseconds: time(6). */
    @Tracked
    @org.hibernate.annotations.FractionalSeconds(6)
    public java.time.LocalTime opensAt;

    /** Whole seconds: timestamp(0), MariaDB's datetime. */
    @Tracked
    @org.hibernate.annotations.FractionalSeconds(0)
    public java.time.LocalDateTime lastVisit;

    /** java.util's times, and a zoned one, each compared as its column keeps it. */
    @Tracked
    public java.util.Date signedAt;

    @Tracked
    @jakarta.persistence.Temporal(jakarta.persistence.TemporalType.DATE)
    public java.util.Date birthday;

    @Tracked
    public java.time.ZonedDateTime contacted;

    /** Never updated in place: a change opens a version, which is an insert. */
    @Tracked
    @Column(updatable = false)
    public String origin;

    @ValidFrom
    public Instant validFrom;

    @ValidTo
    public Instant validTo;

    @Current
    public Boolean isCurrent;

    public CustomerHistory() {
    }

    public CustomerHistory(String customerId, String name, String city, String email) {
        this.customerId = customerId;
        this.name = name;
        this.city = city;
        this.email = email;
    }
}
