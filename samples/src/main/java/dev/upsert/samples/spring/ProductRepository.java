package dev.upsert.samples.spring;

import dev.upsert.spring.UpsertRepository;
import org.springframework.data.jpa.repository.JpaRepository;

/** The repository the application already had, plus {@link UpsertRepository}: nothing else to write. */
public interface ProductRepository extends JpaRepository<Product, Long>, UpsertRepository<Product> {
}
