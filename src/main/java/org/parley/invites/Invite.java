package org.parley.invites;

import java.time.Instant;

/** One invitation as stored. {@code inviterId} is null for operator invitations. */
record Invite(long id, String code, Long inviterId, boolean grantsAdmin, Instant createdAt, Instant expiresAt,
              Instant revokedAt, Instant usedAt, Long usedBy) {

    enum Status { pending, used, revoked, expired }

    Status status(Instant now) {
        if (usedAt != null) {
            return Status.used;
        }
        if (revokedAt != null) {
            return Status.revoked;
        }
        return now.isBefore(expiresAt) ? Status.pending : Status.expired;
    }
}
