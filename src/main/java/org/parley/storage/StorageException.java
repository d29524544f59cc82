package org.parley.storage;

import java.sql.SQLException;

/** A database failure that a request cannot recover from; mapped to 503 at the HTTP edge. */
public final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
