package dev.upsert;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeTest {

    @Test
    void conditionsAddUp() {
        Scope scope = Scope.all().eq("region", "EU").isNull("closedAt");
        assertThat(scope.byBatchKeys()).isFalse();
        assertThat(scope.conditions()).containsExactly(new Scope.Condition("region", Scope.Operator.EQ, "EU"),
                new Scope.Condition("closedAt", Scope.Operator.IS_NULL, null));
    }

    /** A condition on the batch's keys would otherwise turn into a scope of conditions alone, and delete beyond the batch. */
    @Test
    void theBatchKeysTakeNoConditions() {
        assertThatThrownBy(() -> Scope.batchKeys().eq("region", "EU"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }
}
