package dev.polystore.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellExportsTest {

    @Test
    void leavesUrlsUnquoted() {
        assertEquals("export POSTGRES_WRITER_CONN=postgresql://postgres:postgres@127.0.0.1:5432/postgres",
                ShellExports.line("POSTGRES_WRITER_CONN", "postgresql://postgres:postgres@127.0.0.1:5432/postgres"));
    }

    @Test
    void singleQuotesWhatAShellWouldInterpret() {
        assertEquals("export A='x y'", ShellExports.line("A", "x y"));
        assertEquals("export A='it'\\''s $HOME'", ShellExports.line("A", "it's $HOME"));
        assertEquals("export A=''", ShellExports.line("A", ""));
    }
}
