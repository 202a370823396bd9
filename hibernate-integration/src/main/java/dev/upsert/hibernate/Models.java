package dev.upsert.hibernate;

import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.GenericDialect;
import dev.upsert.dialect.H2Dialect;
import dev.upsert.dialect.MariaDbDialect;
import dev.upsert.dialect.MySqlDialect;
import dev.upsert.dialect.OracleDialect;
import dev.upsert.dialect.PostgresDialect;
import dev.upsert.dialect.SqlServerDialect;
import dev.upsert.dialect.SqliteDialect;
import dev.upsert.jdbc.TableInspector;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entity models per session factory: read from the mapping once, and checked against the live
 * table once, before the first write. A check that fails is not remembered, so fixing the table
 * and retrying works.
 */
final class Models {

    /** Per factory, per entity name: the mapped model, replaced by the inspected one once checked. */
    private static final Map<SessionFactoryImplementor, Map<String, Entry>> BY_FACTORY = new ConcurrentHashMap<>();

    private record Entry(EntityModel model, boolean inspected) {
    }

    private Models() {
    }

    /** The model as the mapping describes it; no database access. */
    static EntityModel mapped(EntityPersister persister) {
        return models(persister).computeIfAbsent(persister.getEntityName(),
                name -> new Entry(EntityModel.of(persister), false)).model();
    }

    /**
     * The model checked against its live table, with the column types the table reports: by the
     * factory's dialect, but for what the call's own dialect needs of the unique index (a MERGE
     * can use a deferrable one, ON CONFLICT cannot). Checked once: a later call by ON CONFLICT
     * after a MERGE's then meets the database's own refusal of a deferrable index.
     */
    static EntityModel inspected(EntityModel mapped, SharedSessionContractImplementor session, Dialect call) {
        Map<String, Entry> models = models(mapped.persister);
        Entry entry = models.get(mapped.entityName());
        if (entry != null && entry.inspected()) {
            return entry.model();
        }
        Dialect dialect = dialect(mapped.persister.getFactory());
        boolean arbiters = call.matchesByArbiter();
        EntityModel inspected = inspect(mapped, dialect, session, arbiters)
                .withFurther(mapped.further.stream().map(table -> inspect(table, dialect, session, arbiters)).toList());
        models.put(mapped.entityName(), new Entry(inspected, true));
        return inspected;
    }

    private static EntityModel inspect(EntityModel mapped, Dialect dialect, SharedSessionContractImplementor session,
                                       boolean arbiters) {
        return session.doReturningWork(connection -> mapped.withTable(
                TableInspector.inspect(connection, dialect, mapped.table, mapped.jdbcTypeCodes(), mapped.isHistory()
                        ? new TableInspector.History(mapped.historyColumns().validFrom(), mapped.historyColumns().current())
                        : null, arbiters)).withLimits(TableInspector.columnLimits(connection, dialect, mapped.table), dialect));
    }

    /** Drops what was learned about a factory's tables, so that the next call inspects them again. */
    static void forget(SessionFactory factory) {
        BY_FACTORY.remove(factory);
    }

    private static Map<String, Entry> models(EntityPersister persister) {
        return BY_FACTORY.computeIfAbsent(persister.getFactory(), factory -> {
            factory.addObserver(new SessionFactoryObserver() {
                @Override
                public void sessionFactoryClosed(SessionFactory closed) {
                    BY_FACTORY.remove(factory);
                }
            });
            return new ConcurrentHashMap<>();
        });
    }

    /** The dialect for this database, from Hibernate's dialect and the server version. */
    static Dialect dialect(SessionFactoryImplementor factory) {
        org.hibernate.dialect.Dialect dialect = factory.getJdbcServices().getDialect();
        if (dialect instanceof org.hibernate.dialect.PostgreSQLDialect) {
            return new PostgresDialect();
        }
        if (dialect instanceof org.hibernate.dialect.H2Dialect) {
            return new H2Dialect();
        }
        if (dialect instanceof org.hibernate.dialect.MariaDBDialect) {
            return new MariaDbDialect(dialect.getVersion().isSameOrAfter(10, 5));
        }
        if (dialect instanceof org.hibernate.dialect.MySQLDialect) {
            return new MySqlDialect(dialect.getVersion().isSameOrAfter(8, 0, 19));
        }
        if (dialect instanceof org.hibernate.dialect.SQLServerDialect) {
            return new SqlServerDialect();
        }
        if (dialect instanceof org.hibernate.dialect.OracleDialect) {
            return new OracleDialect();
        }
        // Hibernate's SQLite dialect lives in the optional community-dialects artifact.
        if (dialect.getClass().getName().equals("org.hibernate.community.dialect.SQLiteDialect")) {
            return new SqliteDialect();
        }
        return new GenericDialect(dialect.getClass().getSimpleName(), dialect.openQuote(), dialect.closeQuote());
    }
}
