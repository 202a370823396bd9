package dev.upsert.samples.spring;

import dev.upsert.UpsertResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The sample application, started as a test: its feeds ran at start-up; one more goes through the service. */
@SpringBootTest
class SpringSampleTest {

    @Autowired
    CatalogueImport catalogue;

    @Autowired
    ProductRepository products;

    @Test
    void feedsAreUpsertedThroughTheRepository() {
        UpsertResult third = catalogue.load(List.of(new Product("A-3", "Mug", new BigDecimal("6.00"), 6),
                new Product("A-4", "Spoon", new BigDecimal("1.00"), 100)));
        assertThat(third).isEqualTo(new UpsertResult(1, 1, 0, 0));
        assertThat(products.findAll().stream().sorted(Comparator.comparing(Product::getSku)).toList())
                .extracting(Product::getSku, p -> p.getPrice().toPlainString(), Product::getReceived)
                .containsExactly(tuple("A-1", "27.90", 14), tuple("A-2", "19.50", 5), tuple("A-3", "6.00", 30),
                        tuple("A-4", "1.00", 100));
    }
}
