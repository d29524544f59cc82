package org.parley.media;

import org.parley.rooms.Rooms;

/**
 * Not a test: a deliberate breach of the architecture (the media engine knowing a feature) that
 * ArchitectureTest's own check must catch. It lives in the test tree, which the rules do not scan.
 */
final class FeatureInMediaFixture {

    static int liveRooms(Rooms rooms) {
        return rooms.live().size();
    }
}
