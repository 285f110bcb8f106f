package org.bizhall.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class PostgresTest {
    @Test
    public void theDatabaseOfAUrlIsReplacedAndItsParametersKept() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/bench_1?user=postgres&password=x",
                Postgres.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=x", "bench_1"));
        assertEquals("jdbc:postgresql://db:5432/bench_1", Postgres.withDatabase("jdbc:postgresql://db:5432", "bench_1"));
        assertEquals("jdbc:postgresql://db/bench_1?ssl=true", Postgres.withDatabase("jdbc:postgresql://db/?ssl=true",
                "bench_1"));
    }

    @Test
    public void anotherDatabasesUrlIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Postgres.withDatabase("jdbc:derby:/tmp/db", "x"));
        assertThrows(IllegalArgumentException.class, () -> Postgres.at("jdbc:mysql://h/db"));
    }
}
