package dev.upsert.samples;

import dev.upsert.Strategy;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.UpsertSession;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import java.util.List;

/**
 * A daily warehouse refresh: the source extract of each day is upserted into a customer
 * dimension, by natural key, and the outcome printed.
 *
 * <pre>
 * ./mvnw -q -pl samples -am compile exec:java                      # embedded H2
 * ./mvnw -q -pl samples -am compile exec:java \
 *     -Dexec.args="jdbc:postgresql://127.0.0.1:5432/test postgres"   # PostgreSQL: URL [user [password]]
 * </pre>
 *
 * The program creates the table {@code sample_customer_dim} and drops it when it ends.
 */
public final class WarehouseRefresh {

    private WarehouseRefresh() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "jdbc:h2:mem:warehouse;DB_CLOSE_DELAY=-1";
        String user = args.length > 1 ? args[1] : url.startsWith("jdbc:h2:") ? "sa"
                : url.startsWith("jdbc:mariadb:") ? "root" : "postgres";
        String password = args.length > 2 ? args[2] : "";

        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, url)
                .applySetting(AvailableSettings.JAKARTA_JDBC_USER, user)
                .applySetting(AvailableSettings.JAKARTA_JDBC_PASSWORD, password)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .build();
        try (SessionFactory factory = new MetadataSources(registry).addAnnotatedClass(CustomerDim.class)
                .buildMetadata().buildSessionFactory()) {
            System.out.printf("Refreshing sample_customer_dim on %s%n%n", url);
            System.out.printf("%-6s %8s %8s %9s %8s%n", "run", "inserted", "updated", "unchanged", "deleted");

            print("day 1", refresh(factory, List.of(
                    new CustomerDim("crm", "C-1", "Ada Lovelace", "ada@example.org", "GB"),
                    new CustomerDim("crm", "C-2", "Grace Hopper", "grace@example.org", "US"),
                    new CustomerDim("crm", "C-3", "Alan Turing", "alan@example.org", "GB"),
                    new CustomerDim("shop", "42", "Edsger Dijkstra", "edsger@example.org", "NL"),
                    new CustomerDim("shop", "43", "Barbara Liskov", "barbara@example.org", "US"))));

            // Day 2: C-2 and shop/42 changed, C-1 and C-3 are as before, shop/44 is new and
            // shop/43 vanished from the source: the SYNC strategy deletes it.
            print("day 2", refresh(factory, List.of(
                    new CustomerDim("crm", "C-1", "Ada Lovelace", "ada@example.org", "GB"),
                    new CustomerDim("crm", "C-2", "Grace Hopper", "grace.hopper@example.org", "US"),
                    new CustomerDim("crm", "C-3", "Alan Turing", "alan@example.org", "GB"),
                    new CustomerDim("shop", "42", "Edsger W. Dijkstra", "edsger@example.org", "NL"),
                    new CustomerDim("shop", "44", "Donald Knuth", "don@example.org", "US"))));

            System.out.printf("%n%-4s %-6s %-5s %-20s %-26s %s%n", "id", "source", "key", "name", "email", "version");
            factory.inTransaction(session -> session
                    .createSelectionQuery("from CustomerDim order by id", CustomerDim.class).getResultList()
                    .forEach(c -> System.out.printf("%-4d %-6s %-5s %-20s %-26s %d%n",
                            c.id, c.sourceSystem, c.externalId, c.name, c.email, c.version)));
        }
    }

    private static UpsertResult refresh(SessionFactory factory, List<CustomerDim> extract) {
        UpsertOptions sync = UpsertOptions.builder().strategy(Strategy.SYNC).build();
        return factory.fromTransaction(session -> UpsertSession.wrap(session).upsertAll(extract, sync));
    }

    private static void print(String run, UpsertResult result) {
        System.out.printf("%-6s %8d %8d %9d %8d%n", run, result.inserted(), result.updated(), result.unchanged(),
                result.deleted());
    }
}
