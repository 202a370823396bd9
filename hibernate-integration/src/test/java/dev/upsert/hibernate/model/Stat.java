package dev.upsert.hibernate.model;

import dev.upsert.Merge;
import dev.upsert.MergePolicy;
import dev.upsert.NaturalKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One attribute per merge policy. */
@Entity
@Table(name = "it_stat")
public class Stat {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @NaturalKey
    @Column(unique = true)
    public String metric;

    @Merge(MergePolicy.ADD)
    public Long hits;

    @Merge(MergePolicy.KEEP_GREATER)
    public Integer best;

    @Merge(MergePolicy.KEEP_EXISTING_WHEN_NULL)
    public String label;

    @Merge(MergePolicy.INSERT_ONLY)
    public String firstSource;

    /** Insert only twice over: a call's merge policy cannot make Hibernate's never-updated column updated. */
    @Merge(MergePolicy.INSERT_ONLY)
    @jakarta.persistence.Column(updatable = false)
    public String origin;

    public String note;

    public Stat() {
    }

    public Stat(String metric, Long hits, Integer best, String label, String firstSource, String note) {
        this.metric = metric;
        this.hits = hits;
        this.best = best;
        this.label = label;
        this.firstSource = firstSource;
        this.note = note;
    }
}
