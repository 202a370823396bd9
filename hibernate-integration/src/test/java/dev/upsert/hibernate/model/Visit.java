package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.CurrentTimestamp;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.SourceType;
import org.hibernate.generator.EventType;

import java.time.LocalDateTime;

/** Values the database generates: timestamps from its clock on insert and on update, and a column default. */
@Entity
@Table(name = "it_visit")
public class Visit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String code;

    public String page;

    @CurrentTimestamp(event = EventType.INSERT, source = SourceType.DB)
    public LocalDateTime firstSeen;

    @CurrentTimestamp(event = {EventType.INSERT, EventType.UPDATE}, source = SourceType.DB)
    public LocalDateTime lastChanged;

    @Generated
    @ColumnDefault("'new'")
    public String status;

    public Visit() {
    }

    public Visit(String code, String page) {
        this.code = code;
        this.page = page;
    }
}
