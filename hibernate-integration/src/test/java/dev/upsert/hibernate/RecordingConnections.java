package dev.upsert.hibernate;

import org.hibernate.engine.jdbc.connections.internal.DriverManagerConnectionProviderImpl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Hibernate's own connection pool, recording the SQL text of each prepared statement its connections execute. */
public class RecordingConnections extends DriverManagerConnectionProviderImpl {

    static final List<String> EXECUTED = Collections.synchronizedList(new ArrayList<>());
    private final Map<Connection, Connection> handed = Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = super.getConnection();
        Connection recording = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    return method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                            && result instanceof PreparedStatement statement ? recording(statement, sql) : result;
                });
        handed.put(recording, real);
        return recording;
    }

    private static PreparedStatement recording(PreparedStatement statement, String sql) {
        return (PreparedStatement) Proxy.newProxyInstance(RecordingConnections.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        EXECUTED.add(sql);
                    }
                    return invoke(method, statement, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        Connection real = handed.remove(connection);
        super.closeConnection(real != null ? real : connection);
    }
}
