package org.parley.clubs;

import java.time.Instant;
import java.util.List;

/**
 * A club as stored.
 *
 * @param slug         its URL name ({@code /c/{slug}}), lower case and unique
 * @param topics       up to {@link ClubRules#TOPICS_MAX} short topics, in the founder's order
 * @param languages    ISO 639-1 codes, in order
 * @param photoVersion names the current photo (part of its URL), null for none
 */
record Club(String id, String slug, String name, String description, String rules, List<String> topics,
            List<String> languages, JoinPolicy policy, String photoVersion, Instant createdAt, Instant updatedAt) {

    Club {
        topics = List.copyOf(topics);
        languages = List.copyOf(languages);
    }

    Club edited(Draft d, Instant now) {
        return new Club(id, slug, d.name() != null ? d.name() : name,
                d.description() != null ? d.description() : description, d.rules() != null ? d.rules() : rules,
                d.topics() != null ? d.topics() : topics, d.languages() != null ? d.languages() : languages,
                d.policy() != null ? d.policy() : policy, photoVersion, createdAt, now);
    }

    /** What a create or an edit gives; on an edit a null field keeps its value. */
    record Draft(String slug, String name, String description, String rules, List<String> topics, List<String> languages,
                 JoinPolicy policy) {}
}
