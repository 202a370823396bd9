package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Natural keys declared in ways that leave unclear what keys a row; each is refused. */
public final class Misdeclared {

    private Misdeclared() {
    }

    /** On the identifier and on another attribute. */
    @Entity
    @Table(name = "it_misdeclared_both")
    public static class Both {
        @Id
        @NaturalKey
        public String code;

        @NaturalKey
        public String alias;
    }

    /** On one of the two @Id attributes of an @IdClass. */
    @Entity
    @Table(name = "it_misdeclared_half")
    @IdClass(Half.Key.class)
    public static class Half {
        public record Key(String a, String b) {
        }

        @Id
        @NaturalKey
        public String a;

        @Id
        public String b;
    }

    /** On the identifier of an entity in an inheritance hierarchy, whose rows are keyed by type too. */
    @Entity
    @Table(name = "it_misdeclared_tagged")
    @jakarta.persistence.Inheritance(strategy = jakarta.persistence.InheritanceType.SINGLE_TABLE)
    public static class Tagged {
        @Id
        @NaturalKey
        public String tag;
    }

    @Entity
    public static class TaggedPlus extends Tagged {
        public String extra;
    }

    /** Versioned history with a secondary table, whose rows a new version would not carry. */
    @Entity
    @Table(name = "it_misdeclared_annals")
    @jakarta.persistence.SecondaryTable(name = "it_misdeclared_annals_more",
            pkJoinColumns = @jakarta.persistence.PrimaryKeyJoinColumn(name = "annals_id"))
    public static class Annals {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        public String code;

        @dev.upsert.ValidFrom
        public java.time.Instant validFrom;

        @dev.upsert.ValidTo
        public java.time.Instant validTo;

        @dev.upsert.Current
        public Boolean current;

        @jakarta.persistence.Column(table = "it_misdeclared_annals_more")
        public String note;
    }

    /** On the identifier of a JOINED hierarchy's root type, whose subtypes' rows are keyed by that id. */
    @Entity
    @Table(name = "it_misdeclared_crate")
    @jakarta.persistence.Inheritance(strategy = jakarta.persistence.InheritanceType.JOINED)
    public static class Crate {
        @Id
        @NaturalKey
        public String code;
    }

    @Entity
    @Table(name = "it_misdeclared_crate_plus")
    public static class CratePlus extends Crate {
        public String extra;
    }

    /** On the identifier of a TABLE_PER_CLASS type, whose ids are unique across its hierarchy's tables. */
    @Entity
    @Table(name = "it_misdeclared_coupon")
    @jakarta.persistence.Inheritance(strategy = jakarta.persistence.InheritanceType.TABLE_PER_CLASS)
    public static class Coupon {
        @Id
        @NaturalKey
        public String code;
    }

    @Entity
    @Table(name = "it_misdeclared_coupon_plus")
    public static class CouponPlus extends Coupon {
        public String extra;
    }

    /** A single-table hierarchy whose subtype's discriminator is "null": no one value keys its rows. */
    @Entity
    @Table(name = "it_misdeclared_shape")
    @jakarta.persistence.Inheritance(strategy = jakarta.persistence.InheritanceType.SINGLE_TABLE)
    public static class Shape {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        public String name;
    }

    @Entity
    @jakarta.persistence.DiscriminatorValue("null")
    public static class Blob extends Shape {
    }

    /** On a generated identifier. */
    @Entity
    @Table(name = "it_misdeclared_generated")
    public static class Generated {
        @Id
        @GeneratedValue
        @NaturalKey
        public Long id;

        public String label;
    }

    /** A natural key the database generates on insert: no row could be found by it before. */
    @Entity
    @Table(name = "it_misdeclared_stamp")
    public static class Stamp {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        @org.hibernate.annotations.CurrentTimestamp(event = org.hibernate.generator.EventType.INSERT,
                source = org.hibernate.annotations.SourceType.DB)
        public java.time.LocalDateTime at;
    }

    /** A merge policy on a value Hibernate generates: the generator would be left out. */
    @Entity
    @Table(name = "it_misdeclared_merged")
    public static class MergedStamp {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        public String code;

        @dev.upsert.Merge(dev.upsert.MergePolicy.KEEP_GREATER)
        @org.hibernate.annotations.UpdateTimestamp
        public java.time.Instant seen;
    }

    /** Written by Hibernate's update only (insertable = false). */
    @Entity
    @Table(name = "it_misdeclared_update_only")
    public static class UpdateOnly {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        @jakarta.persistence.Column(unique = true)
        public String code;

        @jakarta.persistence.Column(insertable = false)
        public String status;
    }

    /** Generated by Hibernate on update only. */
    @Entity
    @Table(name = "it_misdeclared_modified")
    public static class Modified {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        public String code;

        @org.hibernate.annotations.CurrentTimestamp(event = org.hibernate.generator.EventType.UPDATE,
                source = org.hibernate.annotations.SourceType.VM)
        public java.time.Instant modified;
    }

    /** A natural key written through SQL of its own. */
    @Entity
    @Table(name = "it_misdeclared_shouted")
    public static class Shouted {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        @jakarta.persistence.Column(unique = true)
        @org.hibernate.annotations.ColumnTransformer(write = "upper(?)")
        public String code;
    }

    /** An update timestamp Hibernate never updates (updatable = false): written on insert only. */
    @Entity
    @Table(name = "it_misdeclared_frozen")
    public static class Frozen {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        @jakarta.persistence.Column(unique = true)
        public String code;

        public String label;

        @org.hibernate.annotations.UpdateTimestamp
        @jakarta.persistence.Column(updatable = false)
        public java.time.Instant stamped;
    }

    /** A merge policy on the version, which every update moves by one. */
    @Entity
    @Table(name = "it_misdeclared_counted")
    public static class Counted {
        @Id
        @GeneratedValue
        public Long id;

        @NaturalKey
        public String code;

        @jakarta.persistence.Version
        @dev.upsert.Merge(dev.upsert.MergePolicy.ADD)
        public Integer version;
    }

    /** A merge policy in a versioned history, whose versions hold the values sent. */
    @Entity
    @Table(name = "it_misdeclared_merged_history")
    public static class MergedHistory {
        @Id
        @GeneratedValue(strategy = jakarta.persistence.GenerationType.IDENTITY)
        public Long id;

        @NaturalKey
        public String code;

        @dev.upsert.Merge(dev.upsert.MergePolicy.INSERT_ONLY)
        public String source;

        @dev.upsert.ValidFrom
        public java.time.Instant validFrom;

        @dev.upsert.ValidTo
        public java.time.Instant validTo;

        @dev.upsert.Current
        public Boolean current;
    }
}
