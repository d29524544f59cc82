package org.parley.events;

/** Something the hallway shows changed (a title, a stage, counts, a room started or ended). */
public record HallwayChanged() implements Event {
}
