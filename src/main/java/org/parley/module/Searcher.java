package org.parley.module;

/**
 * Who is searching, as a {@link Searchable} decides what they may see: their graph, read once per
 * search and only as far as it is asked.
 */
public interface Searcher {

    long id();

    /** Whether {@code member} blocked the searcher or the searcher blocked them. */
    boolean blockedEitherWay(long member);

    /** Whether {@code member} follows the searcher (social rooms and events admit those their hosts follow). */
    boolean followedBy(long member);
}
