package org.parley.rooms;

/** A participant's role. The stage is moderators plus speakers. */
public enum Role {
    moderator, speaker, listener;

    public boolean onStage() {
        return this != listener;
    }
}
