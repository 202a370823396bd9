package dev.upsert.hibernate;

import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.H2Dialect;
import dev.upsert.dialect.PostgresDialect;
import dev.upsert.jdbc.TableInspector;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entity models per session factory, each checked against its live table once, before the first
 * write. A check that fails is not remembered, so fixing the table and retrying works.
 */
final class Models {

    private static final Map<SessionFactoryImplementor, Map<String, EntityModel>> BY_FACTORY = new ConcurrentHashMap<>();

    private Models() {
    }

    static EntityModel get(EntityPersister persister, SharedSessionContractImplementor session) {
        Map<String, EntityModel> models = BY_FACTORY.computeIfAbsent(persister.getFactory(), factory -> {
            factory.addObserver(new SessionFactoryObserver() {
                @Override
                public void sessionFactoryClosed(SessionFactory closed) {
                    BY_FACTORY.remove(factory);
                }
            });
            return new ConcurrentHashMap<>();
        });
        EntityModel model = models.get(persister.getEntityName());
        if (model != null) {
            return model;
        }
        Dialect dialect = dialect(persister.getFactory());
        EntityModel inspected = session.doReturningWork(connection -> {
            EntityModel mapped = EntityModel.of(persister, connection.getMetaData());
            return mapped.withTable(TableInspector.inspect(connection, dialect, mapped.table));
        });
        EntityModel previous = models.putIfAbsent(persister.getEntityName(), inspected);
        return previous != null ? previous : inspected;
    }

    static Dialect dialect(SessionFactoryImplementor factory) {
        org.hibernate.dialect.Dialect dialect = factory.getJdbcServices().getDialect();
        if (dialect instanceof org.hibernate.dialect.PostgreSQLDialect) {
            return new PostgresDialect();
        }
        if (dialect instanceof org.hibernate.dialect.H2Dialect) {
            return new H2Dialect();
        }
        throw new UnsupportedOperationException("upsertAll does not support " + dialect.getClass().getName()
                + " yet; supported are PostgreSQL and H2.");
    }
}
