package org.parley.module;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One thing members can find through search, as a feature describes it ({@link Searchable}): what is
 * matched, who it belongs to (for the searcher's graph), and what a result shows.
 *
 * @param kind   {@link Searchable#kind()} of the feature that contributed it
 * @param id     the feature's id for it (a member's id, a room's, an event's), unique within the kind
 * @param names  what it is called (username and display name, a title): matched first, by prefix and typo
 * @param text   what it says about itself (a bio, a description, languages): matched too, ranked lower
 * @param people the members it belongs to (the member, a room's stage, an event's hosts, a club's
 *               leaders): the searcher's follows among them rank it first
 * @param shown  what a result shows, as plain strings (never used for matching or access)
 */
public record SearchDocument(String kind, String id, List<String> names, String text, Set<Long> people,
                             Map<String, String> shown) {

    public SearchDocument {
        names = List.copyOf(names);
        text = text == null ? "" : text;
        people = Set.copyOf(people);
        shown = Map.copyOf(shown);
    }
}
