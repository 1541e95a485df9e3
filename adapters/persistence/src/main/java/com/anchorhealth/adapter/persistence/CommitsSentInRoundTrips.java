package com.anchorhealth.adapter.persistence;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The driver's connections, beneath the pool, each told when a write's own round trip ended with the
 * transaction's COMMIT ({@link JooqAnchorChanges#writeLast}): the commit the transaction then asks for
 * would find nothing to commit, and is not sent. Any statement made after that write, and a rollback,
 * end the exemption, so nothing written later is ever left uncommitted. Beneath the pool, not above
 * it: the pool still sees its commit and does not roll the connection back as it takes it back.
 *
 * <p>A Galera node's connections are left as the driver makes them, and their writes commit in a
 * round trip of their own. A transaction that a replicated write aborts while the node runs its
 * statements fails the statement running then, but the node goes on with the ones after it in a new
 * transaction, without the locks the first one read under: a COMMIT among them would commit a write
 * built on rows that have changed since (two violations at one ledger sequence), where the rollback
 * that follows the failure discards it.
 */
final class CommitsSentInRoundTrips implements DataSource {
    /** A connection's side of it, reached through the pool's and jOOQ's wrappers with {@code unwrap}. */
    interface CommitSent {
        /** The statement just executed on this connection committed the transaction. */
        void committedByLastStatement();
    }

    /** The methods after which the transaction may hold something to commit again. */
    private static final Set<String> STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall",
            "nativeSQL", "setSavepoint", "rollback", "releaseSavepoint");

    private final DataSource driver;

    CommitsSentInRoundTrips(DataSource driver) {
        this.driver = driver;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return awareUnlessGalera(driver.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return awareUnlessGalera(driver.getConnection(username, password));
    }

    private static Connection awareUnlessGalera(Connection connection) throws SQLException {
        try {
            if (Database.isGaleraNode(connection)) {
                return connection;
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(CommitsSentInRoundTrips.class.getClassLoader(),
                new Class<?>[] {Connection.class, CommitSent.class}, new Handler(connection));
    }

    private static final class Handler implements InvocationHandler {
        private final Connection connection;
        private boolean committed;

        Handler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class && !name.equals("toString")) {
                // The proxy is its own identity, as the pool's bookkeeping expects of a connection.
                return name.equals("equals") ? proxy == arguments[0] : System.identityHashCode(proxy);
            }
            if (method.getDeclaringClass() == CommitSent.class) {
                committed = true;
                return null;
            }
            if (name.equals("commit") && committed) {
                committed = false;
                return null;
            }
            if (name.equals("unwrap") && arguments[0] == CommitSent.class) {
                return proxy;
            }
            if (name.equals("isWrapperFor") && arguments[0] == CommitSent.class) {
                return true;
            }
            if (STATEMENTS.contains(name) || name.equals("commit")) {
                committed = false;
            }
            try {
                return method.invoke(connection, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return driver.isWrapperFor(type);
    }
}
