package dev.upsert.hibernate.model;

import dev.upsert.NaturalKey;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** An assigned identifier of two columns (@EmbeddedId) beside a natural key of its own. */
@Entity
@Table(name = "it_line", indexes = @Index(name = "it_line_ref", columnList = "ref", unique = true))
public class Line {

    @EmbeddedId
    public LineId id;

    @NaturalKey
    public String ref;

    public int qty;

    public Line() {
    }

    public Line(LineId id, String ref, int qty) {
        this.id = id;
        this.ref = ref;
        this.qty = qty;
    }

    @Embeddable
    public static class LineId implements Serializable {
        public String orderNo;
        public int lineNo;

        public LineId() {
        }

        public LineId(String orderNo, int lineNo) {
            this.orderNo = orderNo;
            this.lineNo = lineNo;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LineId that && lineNo == that.lineNo && Objects.equals(orderNo, that.orderNo);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderNo, lineNo);
        }
    }

    /** The same with an @IdClass: the identifier's attributes on the entity itself. */
    @Entity
    @IdClass(Slot.SlotId.class)
    @Table(name = "it_slot", indexes = @Index(name = "it_slot_code", columnList = "code", unique = true))
    public static class Slot {
        @Id
        public String area;

        @Id
        public int number;

        @NaturalKey
        public String code;

        public String label;

        public Slot() {
        }

        public Slot(String area, int number, String code, String label) {
            this.area = area;
            this.number = number;
            this.code = code;
            this.label = label;
        }

        public static class SlotId implements Serializable {
            public String area;
            public int number;

            @Override
            public boolean equals(Object other) {
                return other instanceof SlotId that && number == that.number && Objects.equals(area, that.area);
            }

            @Override
            public int hashCode() {
                return Objects.hash(area, number);
            }
        }
    }
}
