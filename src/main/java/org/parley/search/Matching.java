package org.parley.search;

import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What a typed query means to the index. Every word must match (so "elon mu" narrows), each in one
 * of these ways, best first: the whole word in a name, the beginning of a word in a name (the word
 * being typed), a name word one or two typos away ("putn" → "putin": Levenshtein with transpositions,
 * one edit for words of 4–7 letters, two from 8; the first letter must be right, which keeps the
 * automaton small), or the whole word in the text. Then the searcher's graph adds a constant: what
 * belongs to someone they follow ranks first, to someone those follow next; text relevance (BM25)
 * orders within each.
 */
final class Matching {

    /** Shorter words are matched whole or by prefix only: a typo in three letters is another word. */
    static final int FUZZY_FROM = 4;
    static final int TWO_TYPOS_FROM = 8;

    private Matching() {}

    /** Every word must match ({@link #word}); built once per search and shared by its kinds' queries. */
    static Query text(List<String> words) {
        var all = new BooleanQuery.Builder();
        for (String word : words) {
            all.add(word(word), Occur.MUST);
        }
        return all.build();
    }

    /**
     * {@code text} in one kind, with the graph's boosts ({@link #graph}; null when the searcher has
     * nobody there).
     */
    static Query query(Query text, String kind, Query following, Query second) {
        var all = new BooleanQuery.Builder();
        all.add(text, Occur.MUST);
        if (kind != null) {
            all.add(new TermQuery(new Term(SearchIndex.KIND, kind)), Occur.FILTER);
        }
        if (following != null) {
            all.add(following, Occur.SHOULD);
        }
        if (second != null) {
            all.add(second, Occur.SHOULD);
        }
        return all.build();
    }

    private static Query word(String word) {
        var any = new BooleanQuery.Builder();
        any.add(new BoostQuery(new TermQuery(new Term(SearchIndex.NAMES, word)), 3f), Occur.SHOULD);
        if (word.length() <= Folding.PREFIX_MAX) {
            any.add(new BoostQuery(new TermQuery(new Term(SearchIndex.NAMES_PREFIX, word)), 2f), Occur.SHOULD);
        }
        if (word.length() >= FUZZY_FROM) {
            int edits = word.length() >= TWO_TYPOS_FROM ? 2 : 1;
            any.add(new FuzzyQuery(new Term(SearchIndex.NAMES, word), edits, 1, 50, true), Occur.SHOULD);
        }
        any.add(new TermQuery(new Term(SearchIndex.TEXT, word)), Occur.SHOULD);
        return any.build();
    }

    /** A constant {@code boost} for what belongs to one of {@code members}; null for nobody. */
    static Query graph(Collection<Long> members, float boost) {
        if (members.isEmpty()) {
            return null;
        }
        List<BytesRef> ids = members.stream().map(id -> new BytesRef(Long.toString(id))).toList();
        return new BoostQuery(new ConstantScoreQuery(new TermInSetQuery(SearchIndex.PEOPLE, ids)), boost);
    }
}
