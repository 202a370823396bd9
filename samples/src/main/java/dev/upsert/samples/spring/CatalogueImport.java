package dev.upsert.samples.spring;

import dev.upsert.UpsertResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** A service that loads a supplier feed into the catalogue in one transaction. */
@Service
public class CatalogueImport {

    private final ProductRepository products;

    public CatalogueImport(ProductRepository products) {
        this.products = products;
    }

    @Transactional
    public UpsertResult load(List<Product> feed) {
        return products.upsertAll(feed);
    }
}
