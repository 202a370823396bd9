package dev.upsert.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Whether a MySQL-family connection reports affected rows ({@code useAffectedRows=true}) or found
 * rows (both drivers' default), which decides what {@code ON DUPLICATE KEY UPDATE} counts for a
 * row left as it was. Read from the driver's own configuration; from the URL for other drivers.
 */
final class AffectedRows {

    private AffectedRows() {
    }

    static boolean reportsAffectedRows(Connection connection) throws SQLException {
        Boolean configured = fromDriver(connection);
        if (configured != null) {
            return configured;
        }
        String url = connection.getMetaData().getURL();
        return url != null && url.toLowerCase(Locale.ROOT).contains("useaffectedrows=true");
    }

    private static Boolean fromDriver(Connection connection) {
        try {
            // MariaDB Connector/J 3: connection.getContext().getConf().useAffectedRows()
            Class<?> type = Class.forName("org.mariadb.jdbc.Connection", false, connection.getClass().getClassLoader());
            if (connection.isWrapperFor(type)) {
                Object mariadb = connection.unwrap(type);
                Object context = type.getMethod("getContext").invoke(mariadb);
                Object conf = context.getClass().getMethod("getConf").invoke(context);
                return (Boolean) conf.getClass().getMethod("useAffectedRows").invoke(conf);
            }
        } catch (ReflectiveOperationException | SQLException | LinkageError | ClassCastException e) {
            // not this driver, or another version of it
        }
        try {
            // MySQL Connector/J 8+: connection.getPropertySet().getBooleanProperty("useAffectedRows").getValue()
            Class<?> type = Class.forName("com.mysql.cj.jdbc.JdbcConnection", false, connection.getClass().getClassLoader());
            if (connection.isWrapperFor(type)) {
                Object mysql = connection.unwrap(type);
                Object properties = type.getMethod("getPropertySet").invoke(mysql);
                Object property = properties.getClass().getMethod("getBooleanProperty", String.class)
                        .invoke(properties, "useAffectedRows");
                return (Boolean) property.getClass().getMethod("getValue").invoke(property);
            }
        } catch (ReflectiveOperationException | SQLException | LinkageError | ClassCastException e) {
            // not this driver, or another version of it
        }
        return null;
    }
}
