package dev.upsert.samples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, run as a test on embedded H2. */
class WarehouseRefreshTest {

    @Test
    void printsWhatEachDayDid() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            WarehouseRefresh.main(new String[] {"jdbc:h2:mem:sample_test;DB_CLOSE_DELAY=-1"});
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .containsPattern("day 1\\s+customer_dim \\(SYNC\\)\\s+5\\s+0\\s+0\\s+0")
                .containsPattern("day 2\\s+customer_dim \\(SYNC\\)\\s+1\\s+2\\s+2\\s+1")
                .containsPattern("day 2\\s+customer_history \\(SCD2\\)\\s+1\\s+1\\s+3\\s+1")
                .contains("grace.hopper@example.org").contains("Donald Knuth").doesNotContain("Barbara Liskov")
                .containsPattern("42\\s+NL\\s+false").containsPattern("42\\s+US\\s+true");
    }
}
