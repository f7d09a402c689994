package dev.polystore.checks.statements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.checks.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void normalisesCaseSpacingAndPunctuationOutsideQuotes() {
        List<Statement> statements = StatementSplitter.split(
                "ALTER  TABLE \"Users\"\n\tADD COLUMN Locale TEXT DEFAULT 'En,US';", Dialect.POSTGRES);
        assertEquals(1, statements.size());
        assertEquals("alter table \"Users\" add column locale text default 'En,US'", statements.get(0).sql());
    }

    @Test
    void doesNotSplitInsideStringsIdentifiersCommentsOrDollarBodies() {
        String sql = """
                -- one; two
                /* three; /* nested; */ still comment; */
                INSERT INTO notes VALUES ('a;b', E'it\\'s;', "odd;name");
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
                SELECT $$x;y$$
                """;
        List<Statement> statements = StatementSplitter.split(sql, Dialect.POSTGRES);
        assertEquals(3, statements.size());
        assertEquals("insert into notes values ( 'a;b' , 'it''s;' , \"odd;name\" )", statements.get(0).sql());
        assertEquals("create function f ( ) returns int language sql as ' SELECT 1; '", statements.get(1).sql());
        assertEquals("select 'x;y'", statements.get(2).sql());
    }

    @Test
    void recordsTheLineOfEachStatementsFirstTokenAndTheCommentsBeforeIt() {
        String sql = "SET LOCAL lock_timeout = '5s';\n\n-- polystore:allow-drop reason=unused since 0.4\n"
                + "ALTER TABLE users\n  DROP COLUMN legacy;\n";
        List<Statement> statements = StatementSplitter.split(sql, Dialect.POSTGRES);
        assertEquals(1, statements.get(0).line());
        assertEquals(4, statements.get(1).line());
        assertEquals("polystore:allow-drop reason=unused since 0.4",
                statements.get(1).marker("polystore:allow-drop").orElseThrow());
        assertTrue(statements.get(0).marker("polystore:allow-drop").isEmpty());
    }

    @Test
    void readsCqlSlashCommentsAndLeavesParametersAlone() {
        List<Statement> statements = StatementSplitter.split(
                "// polystore:allow-drop reason=x\nDROP TABLE t; SELECT $1", Dialect.CASSANDRA);
        assertEquals(2, statements.size());
        assertEquals("drop table t", statements.get(0).sql());
        assertTrue(statements.get(0).marker("polystore:allow-drop").isPresent());
    }

    @Test
    void refusesAnUnclosedString() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StatementSplitter.split("SELECT 1;\nSELECT 'oops;", Dialect.POSTGRES));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
