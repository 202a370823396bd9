package dev.upsert.samples.spring;

import dev.upsert.UpsertResult;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.math.BigDecimal;
import java.util.List;

/**
 * A Spring Boot application whose repository extends {@code UpsertRepository}. Runs on embedded
 * H2; point {@code spring.datasource.url} at PostgreSQL or MariaDB to run it there.
 *
 * <pre>
 * ./mvnw -q -pl samples -am package -DskipTests exec:java -Dexec.mainClass=dev.upsert.samples.spring.SpringSample
 * </pre>
 */
@SpringBootApplication
public class SpringSample {

    public static void main(String[] args) {
        SpringApplication.run(SpringSample.class, args).close();
    }

    @Bean
    CommandLineRunner importFeeds(CatalogueImport catalogue, ProductRepository products) {
        return args -> {
            print("feed 1", catalogue.load(List.of(
                    new Product("A-1", "Kettle", new BigDecimal("29.90"), 10),
                    new Product("A-2", "Teapot", new BigDecimal("19.50"), 5))));
            print("feed 2", catalogue.load(List.of(
                    new Product("A-1", "Kettle", new BigDecimal("27.90"), 4),
                    new Product("A-2", "Teapot", new BigDecimal("19.50"), 0),
                    new Product("A-3", "Mug", new BigDecimal("6.00"), 24))));
            products.findAll().forEach(p -> System.out.printf("%-4s %-7s %7s received %d%n",
                    p.getSku(), p.getName(), p.getPrice(), p.getReceived()));
        };
    }

    private static void print(String feed, UpsertResult result) {
        System.out.printf("%s: %d inserted, %d updated, %d unchanged%n", feed, result.inserted(), result.updated(),
                result.unchanged());
    }
}
