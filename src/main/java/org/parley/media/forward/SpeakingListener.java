package org.parley.media.forward;

import java.util.Set;

/**
 * Told who is speaking in a room (the slot holders heard within the speaking hold), for the clients'
 * speaking rings. Called on the {@link SpeakerSelector}'s owner thread, at most once per
 * {@link ForwardConfig#notifyInterval()} and only when the set changed; implementations must hand off
 * (e.g. to the room's executor) and return at once.
 */
@FunctionalInterface
public interface SpeakingListener {

    /** @param speaking immutable set of member ids, possibly empty */
    void speakingChanged(Set<Long> speaking);
}
