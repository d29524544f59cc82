package org.parley.rooms;

/**
 * The club a room was started in, as the room shows it (hallway card, room page): its name and slug as
 * they were when the room started, kept with the room so a restart needs nothing of the clubs feature.
 */
public record ClubTag(String id, String slug, String name) {

    /** The club page. */
    public String url() {
        return "/c/" + slug;
    }
}
