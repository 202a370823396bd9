package dev.upsert.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What a collation's name says it ignores, and text folded as it compares it. */
class CollationTest {

    @Test
    void namesTellWhatIsIgnored() {
        assertThat(java.util.stream.Stream.of("utf8mb4_general_ci", "utf8mb4_bin", "utf8mb4_nopad_bin", "utf8mb4_0900_ai_ci",
                        "utf8mb4_0900_as_cs", "utf8mb4_uca1400_as_ci", "utf8mb4_uca1400_nopad_ai_ci", "utf8mb4_unicode_520_ci",
                        "latin1_swedish_ci", "utf8mb4_spanish_ci", "utf8mb4_turkish_ci", "latin1_general_ci")
                .map(TableInspector.Collation::of))
                .extracting(TableInspector.Collation::pads, TableInspector.Collation::ignoresCase, TableInspector.Collation::ignoresAccents)
                .containsExactly(
                        tuple(true, true, true),      // _ci implies _ai where the name says neither
                        tuple(true, false, false),    // MariaDB's and MySQL's _bin still pad
                        tuple(false, false, false),
                        tuple(false, true, true),     // MySQL 8's 0900 collations do not pad
                        tuple(false, false, false),
                        tuple(true, true, false),
                        tuple(false, true, true),
                        tuple(true, true, true),
                        // A language's collation keeps apart what the general ones fold (å and a, ñ and n, I and i):
                        // taken to ignore trailing spaces only, so no keys it tells apart are refused.
                        tuple(true, false, false),
                        tuple(true, false, false),
                        tuple(true, false, false),
                        tuple(true, true, false));   // accents only in a Unicode character set
        assertThat(TableInspector.Collation.of("utf8mb4_nopad_bin").folds()).isFalse();
    }

    @Test
    void foldsWhatTheCollationIgnores() {
        TableInspector.Collation general = TableInspector.Collation.of("utf8mb4_general_ci");
        assertThat(general.fold("Caf\u00e9  ")).isEqualTo("cafe").isEqualTo(general.fold("CAFE"));
        assertThat(general.fold("  lead")).as("leading spaces count").isEqualTo("  lead");
        assertThat(TableInspector.Collation.of("utf8mb4_bin").fold("Caf\u00e9 ")).isEqualTo("Caf\u00e9");
        assertThat(TableInspector.Collation.of("utf8mb4_uca1400_as_ci").fold("Caf\u00e9")).isEqualTo("caf\u00e9");
        // citext folds as lower() does: A to Z alone under the C character type, the locale's letters elsewhere.
        assertThat(TableInspector.Collation.of("citext (C)").fold("Ada@EXAMPLE.org \u00c9")).isEqualTo("ada@example.org \u00c9");
        assertThat(TableInspector.Collation.of("citext").fold("Ada@EXAMPLE.org \u00c9")).isEqualTo("ada@example.org \u00e9");
        assertThat(TableInspector.Collation.of("bpchar").fold("K1      ")).isEqualTo("K1");
        // A combining accent the text holds apart is a character of its own to utf8mb4_general_ci.
        assertThat(general.fold("e\u0301")).isNotEqualTo(general.fold("e"));
        // Vowel signs of other scripts are letters of their words, not accents: kam and kaam stay two keys.
        assertThat(general.fold("\u0915\u092e")).isNotEqualTo(general.fold("\u0915\u093e\u092e"));
        assertThat(general.fold("\u0e01\u0e34\u0e19")).isNotEqualTo(general.fold("\u0e01\u0e19"));
    }
}
