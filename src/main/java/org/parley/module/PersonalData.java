package org.parley.module;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One feature's part of what Parley holds about a member: written into their export and erased with
 * their account ({@link Module#personalData}). Each feature answers for its own tables only, so a
 * feature that lands later (proposals, clubs, reports) adds its part by contributing one of these.
 *
 * <p>Both run inside the caller's transaction: {@link #export} in a read, {@link #erase} in the one
 * transaction that deletes the account (with every other feature's erase), so a deletion is all or nothing.
 */
public interface PersonalData {

    /** A short name for the feature's part, used in logs (e.g. "social"). */
    String name();

    /**
     * Writes what this feature holds about {@code memberId} — their own records, never another member's
     * beyond the names a record already shows them (whom they follow) — as JSON files and, for media,
     * binary files.
     */
    void export(Connection conn, long memberId, ExportWriter out) throws SQLException;

    /**
     * Removes what this feature holds about {@code memberId} (or, where others' records must keep
     * their shape, detaches it from them). The member's own row in {@code members} is the accounts
     * feature's, cleared last.
     */
    void erase(Connection conn, long memberId) throws SQLException;

    /** Where a feature writes its part of an export (a zip entry per file). */
    interface ExportWriter {

        /**
         * Adds {@code value}, serialised as JSON (records, lists and maps; instants as ISO-8601), as file
         * {@code name} (e.g. {@code "follows.json"}); one name once per export.
         */
        void json(String name, Object value);

        /** Adds raw bytes as file {@code name} (the photo). */
        void bytes(String name, byte[] data);
    }
}
