package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

public class JdbcTest {
    /**
     * A connection as a pool hands it out: each statement behind a proxy that counts the calls made through it and
     * hands out the statement it wraps when asked to unwrap, as pax-transx's does.
     */
    private static Connection pooled(Connection physical, AtomicInteger proxiedCalls) {
        return (Connection) Proxy.newProxyInstance(JdbcTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, physical, args);
                    if (!(result instanceof PreparedStatement statement)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(JdbcTest.class.getClassLoader(),
                            new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                                proxiedCalls.incrementAndGet();
                                if (m.getName().equals("unwrap") && ((Class<?>) a[0]).isInstance(statement)) {
                                    return statement;
                                }
                                return invoke(m, statement, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    public void aStatementIsUsedFromBehindThePoolsProxyAndClosedAsTheProxyWouldCloseIt() throws Exception {
        try (Connection physical = TestDatabase.freshDataSource().getConnection()) {
            AtomicInteger proxiedCalls = new AtomicInteger();
            Connection c = pooled(physical, proxiedCalls);
            PreparedStatement s = Jdbc.prepare(c, "VALUES (CAST(? AS INT) + 1)");
            assertFalse("the driver's statement, not the pool's proxy", Proxy.isProxyClass(s.getClass()));
            s.setInt(1, 41);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            s.close();
            assertTrue(s.isClosed());
            assertEquals("only the unwrap went through the proxy", 1, proxiedCalls.get());
        }
    }

    @Test
    public void aStatementThatWrapsNothingIsUsedAsItIs() throws Exception {
        try (Connection physical = TestDatabase.freshDataSource().getConnection();
                PreparedStatement s = Jdbc.prepare(physical, "VALUES (1)")) {
            assertSame(s, s.unwrap(PreparedStatement.class));
        }
    }
}
