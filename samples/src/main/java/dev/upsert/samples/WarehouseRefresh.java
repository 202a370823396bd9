package dev.upsert.samples;

import dev.upsert.Strategy;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.UpsertSession;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import java.util.List;

/**
 * A daily warehouse refresh: each day the source system's customer table is extracted and loaded
 * into two dimensions by natural key, one kept current (SYNC: vanished customers are deleted) and
 * one keeping history (SCD type 2), and what each run did is printed.
 *
 * <pre>
 * ./mvnw -q -pl samples -am package -DskipTests exec:java   # embedded H2
 * ./mvnw -q -pl samples -am package -DskipTests exec:java -Dexec.args="jdbc:postgresql://127.0.0.1:5432/test postgres"
 * ./mvnw -q -pl samples -am package -DskipTests exec:java -Dexec.args="jdbc:mariadb://127.0.0.1:3306/test root"
 * </pre>
 *
 * The program creates its tables ({@code sample_*}) and drops them when it ends.
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
        try (SessionFactory factory = new MetadataSources(registry)
                .addAnnotatedClasses(SourceCustomer.class, CustomerDim.class, CustomerHistory.class)
                .buildMetadata().buildSessionFactory()) {
            System.out.printf("Refreshing the customer dimensions on %s%n%n", url);
            System.out.printf("%-6s %-24s %8s %8s %9s %8s%n", "run", "table (strategy)", "inserted", "updated",
                    "unchanged", "deleted");

            source(factory, List.of(
                    new SourceCustomer("crm", "C-1", "Ada Lovelace", "ada@example.org", "GB"),
                    new SourceCustomer("crm", "C-2", "Grace Hopper", "grace@example.org", "US"),
                    new SourceCustomer("crm", "C-3", "Alan Turing", "alan@example.org", "GB"),
                    new SourceCustomer("shop", "42", "Edsger Dijkstra", "edsger@example.org", "NL"),
                    new SourceCustomer("shop", "43", "Barbara Liskov", "barbara@example.org", "US")));
            refresh(factory, "day 1");

            // Day 2 at the source: C-2 changed e-mail, 42 moved country, C-1 and C-3 are as
            // before, 44 is new and 43 was deleted.
            source(factory, List.of(
                    new SourceCustomer("crm", "C-1", "Ada Lovelace", "ada@example.org", "GB"),
                    new SourceCustomer("crm", "C-2", "Grace Hopper", "grace.hopper@example.org", "US"),
                    new SourceCustomer("crm", "C-3", "Alan Turing", "alan@example.org", "GB"),
                    new SourceCustomer("shop", "42", "Edsger Dijkstra", "edsger@example.org", "US"),
                    new SourceCustomer("shop", "44", "Donald Knuth", "don@example.org", "US")));
            refresh(factory, "day 2");

            System.out.printf("%nsample_customer_dim%n%-4s %-6s %-5s %-18s %-26s %-7s %s%n", "id", "source", "key",
                    "name", "email", "country", "version");
            factory.inTransaction(session -> session
                    .createSelectionQuery("from CustomerDim order by sourceSystem, externalId", CustomerDim.class)
                    .getResultList()
                    .forEach(c -> System.out.printf("%-4d %-6s %-5s %-18s %-26s %-7s %d%n",
                            c.id, c.sourceSystem, c.externalId, c.name, c.email, c.country, c.version)));
            System.out.printf("%nsample_customer_history%n%-4s %-5s %-7s %s%n", "id", "key", "country", "current");
            factory.inTransaction(session -> session
                    .createSelectionQuery("from CustomerHistory order by externalId, validFrom", CustomerHistory.class)
                    .getResultList()
                    .forEach(h -> System.out.printf("%-4d %-5s %-7s %s%n", h.id, h.externalId, h.country, h.isCurrent)));
        }
    }

    /** The business application's side: its table as it stands that day. */
    private static void source(SessionFactory factory, List<SourceCustomer> rows) {
        factory.inTransaction(session -> {
            session.createMutationQuery("delete from SourceCustomer").executeUpdate();
            rows.forEach(session::persist);
        });
    }

    /** The warehouse's side: extract the source, load both dimensions in one transaction. */
    private static void refresh(SessionFactory factory, String run) {
        factory.inTransaction(plain -> {
            UpsertSession session = UpsertSession.wrap(plain);
            List<SourceCustomer> extract = extract(session);
            UpsertResult current = session.upsertAll(
                    extract.stream().map(s -> new CustomerDim(s.system, s.key, s.name, s.email, s.country)).toList(),
                    UpsertOptions.builder().strategy(Strategy.SYNC).build());
            UpsertResult history = session.upsertAll(
                    extract.stream().map(s -> new CustomerHistory(s.key, s.name, s.country)).toList(),
                    UpsertOptions.builder().strategy(Strategy.SYNC).build());
            print(run, "customer_dim (SYNC)", current);
            print(run, "customer_history (SCD2)", history);
        });
    }

    private static List<SourceCustomer> extract(Session session) {
        return session.createSelectionQuery("from SourceCustomer", SourceCustomer.class).getResultList();
    }

    private static void print(String run, String table, UpsertResult result) {
        System.out.printf("%-6s %-24s %8d %8d %9d %8d%n", run, table, result.inserted(), result.updated(),
                result.unchanged(), result.deleted());
    }
}
