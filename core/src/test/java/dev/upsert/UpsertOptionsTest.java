package dev.upsert;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpsertOptionsTest {

    /** An empty list would read as "update everything": refused, saying what to use instead. */
    @Test
    void updateOnlyNamingNothingIsRefused() {
        assertThatThrownBy(() -> UpsertOptions.builder().updateOnly()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INSERT_MISSING");
        assertThatThrownBy(() -> UpsertOptions.builder().updateOnly(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameGivenTwiceIsOneAndOptionsRebuildAsThemselves() {
        UpsertOptions options = UpsertOptions.builder().updateOnly("name", "name").build();
        assertThat(options.updateOnly()).containsExactly("name");
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(UpsertOptions.defaults().toBuilder().build()).isEqualTo(UpsertOptions.defaults());
    }
}
