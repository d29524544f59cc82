package org.parley.search;

import java.time.Duration;

/**
 * Search's settings, each with its default in {@link #defaults()}.
 *
 * @param queryMax         longest query, in code points ({@code q}; longer is a 400)
 * @param wordsMax         words of a query that are matched; more are ignored (each costs a few term look-ups)
 * @param groupLimit       results per kind when all kinds are asked for
 * @param pageMax          most results one request may ask for ({@code limit})
 * @param offsetMax        deepest {@code offset}: nobody pages past this many results
 * @param followingBoost   added to the score of what belongs to someone the searcher follows: they come first
 * @param secondDegreeBoost added for someone followed by those the searcher follows: they come next
 * @param secondDegreeMax  most second-degree members used for the boost (the query stays small)
 * @param graphTtl         how long a searcher's graph (follows, blocks) is reused between searches;
 *                         a follow or block drops it at once
 * @param catchUp          how long a search waits for changes already announced to reach the index, so a
 *                         member finds their own edit
 * @param perSession       searches a session may make per {@code perWindow} (typing sends one per pause)
 * @param perWindow        the rate limit's window
 */
public record SearchConfig(int queryMax, int wordsMax, int groupLimit, int pageMax, int offsetMax, float followingBoost,
                           float secondDegreeBoost, int secondDegreeMax, Duration graphTtl, Duration catchUp,
                           int perSession, Duration perWindow) {

    public static SearchConfig defaults() {
        return new SearchConfig(100, 8, 5, 50, 500, 1000f, 100f, 5_000, Duration.ofSeconds(30),
                Duration.ofMillis(500), 120, Duration.ofMinutes(1));
    }

    /** The same with another rate limit (tests reach it quickly). */
    public SearchConfig withRateLimit(int perSession, Duration perWindow) {
        return new SearchConfig(queryMax, wordsMax, groupLimit, pageMax, offsetMax, followingBoost, secondDegreeBoost,
                secondDegreeMax, graphTtl, catchUp, perSession, perWindow);
    }
}
