package io.cacifo.kit.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a borrowed connection; the connection must not escape it. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
