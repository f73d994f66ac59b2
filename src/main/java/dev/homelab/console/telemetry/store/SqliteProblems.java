package dev.homelab.console.telemetry.store;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

/** Turns SQLite's error codes into what happened and what the user can do. */
final class SqliteProblems {

    private SqliteProblems() {
    }

    static String explain(SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
        String base = code == null ? "" : code.name();
        if (base.startsWith("SQLITE_BUSY") || base.startsWith("SQLITE_LOCKED")) {
            return "the database is locked by another program (another Homelab Console running?). Close it, or"
                    + " wait; history is kept in memory meanwhile.";
        }
        if (base.startsWith("SQLITE_NOTADB") || base.startsWith("SQLITE_CORRUPT")) {
            return "the file is corrupt or not a SQLite database. Move it aside (or delete it) and reconnect to start"
                    + " a new history; nothing else is affected.";
        }
        if (base.startsWith("SQLITE_READONLY") || base.startsWith("SQLITE_CANTOPEN") || base.startsWith("SQLITE_PERM")) {
            return "the file or its folder cannot be written. Check its permissions.";
        }
        if (base.startsWith("SQLITE_FULL")) {
            return "the disk is full. Free space or lower the history size limit in the settings.";
        }
        return e.getMessage();
    }
}
