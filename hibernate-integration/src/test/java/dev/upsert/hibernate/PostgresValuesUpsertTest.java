package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.PostgresDialect;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The whole suite on PostgreSQL with every batch bound value by value (multi-row VALUES), as a
 * batch is where one of its values cannot travel in an array.
 */
class PostgresValuesUpsertTest extends UpsertSuite {

    @Override
    public TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    UpsertOptions.Builder options() {
        return super.options().dialect(withoutArrays(new PostgresDialect()));
    }

    /** The dialect as it is, but without its array-bound upsert. */
    private static Dialect withoutArrays(Dialect dialect) {
        return (Dialect) Proxy.newProxyInstance(Dialect.class.getClassLoader(), new Class<?>[] {Dialect.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("upsertArrays")) {
                        return null;
                    }
                    try {
                        return method.invoke(dialect, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
