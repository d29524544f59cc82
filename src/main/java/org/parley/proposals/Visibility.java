package org.parley.proposals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.parley.accounts.Members;
import org.parley.social.SocialGraph;

/**
 * Who may see a proposal: its two sides always — the proposer, the recipients, and the delegates of
 * an organization among them, who answer for it; a private one nobody else; a public one every
 * signed-in member except those in a block with one of its sides. Those who may not see a proposal
 * get a 404, as if it did not exist.
 */
final class Visibility {

    private final Members members;
    private final SocialGraph graph;

    Visibility(Members members, SocialGraph graph) {
        this.members = members;
        this.graph = graph;
    }

    /** One member's look at many proposals: their blocks are read once. */
    final class Viewer {
        private final Connection conn;
        private final long member;
        private final Set<Long> blocked;

        private Viewer(Connection conn, long member) throws SQLException {
            this.conn = conn;
            this.member = member;
            this.blocked = graph.blockedEitherWay(conn, member);
        }

        boolean sees(Found f) throws SQLException {
            if (isParty(f)) {
                return true;
            }
            return f.proposal().open() && f.parties().stream().noneMatch(blocked::contains);
        }

        /** A side of it: the proposer, a recipient, or a delegate of an organization that is one. */
        boolean isParty(Found f) throws SQLException {
            return f.parties().contains(member) || delegateFor(f) != null;
        }

        /** The organization among its sides the member is a delegate of; null for none. */
        Long delegateFor(Found f) throws SQLException {
            for (long party : f.parties()) {
                var account = members.byId(conn, party);
                if (account.isPresent() && account.get().organization()
                        && members.organizations().role(conn, party, member).isPresent()) {
                    return party;
                }
            }
            return null;
        }
    }

    Viewer of(Connection conn, long member) throws SQLException {
        return new Viewer(conn, member);
    }

    Set<Long> following(Connection conn, long member) throws SQLException {
        return graph.followingIds(conn, member);
    }
}
