package org.parley.accounts;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Renders the API's {@code Me} shape. Implemented by the profiles feature (which knows follower counts
 * and invitation quotas) and handed in by the wiring, so accounts does not depend on those features.
 */
@FunctionalInterface
public interface MeView {
    Object render(Connection conn, Member member) throws SQLException;
}
