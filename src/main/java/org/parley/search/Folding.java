package org.parley.search;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How text becomes search terms, the same for every language Parley speaks (en, de, nl, ro, ru) and
 * for names in any script: words by Unicode's rules (UAX #29), lower case, then folded so that what
 * people type without their keyboard's accents still matches — "romaneste" finds "românește" (both
 * Romanian s-comma and s-cedilla), "Muller" and "Mueller" find "Müller", "strasse" finds "Straße",
 * "ij" finds the Dutch "ĳ", "ежик" finds "ёжик". No stemming: names and short titles are most of
 * what is searched, and a stemmer belongs to one language.
 *
 * <p>Two analyzers: {@link #WORDS} for matching whole words (and for the query), {@link #PREFIXES}
 * which also indexes each word's beginnings (1 to {@link #PREFIX_MAX} characters), so that "elon mu"
 * finds "Elon Musk" with one term look-up per word instead of a prefix scan. Thread-safe.
 */
final class Folding {

    /** The longest word beginning indexed; longer typed words match whole, or with a typo, instead. */
    static final int PREFIX_MAX = 16;

    /** Separators inside usernames ({@code elon_musk}, {@code ana.maria}) split words like spaces. */
    private static final NormalizeCharMap SEPARATORS;

    static {
        var map = new NormalizeCharMap.Builder();
        map.add("_", " ");
        map.add(".", " ");
        // Russian writes ё as е more often than not: both are е.
        map.add("ё", "е");
        map.add("Ё", "Е");
        SEPARATORS = map.build();
    }

    static final Analyzer WORDS = new FoldingAnalyzer(false);
    static final Analyzer PREFIXES = new FoldingAnalyzer(true);

    private Folding() {}

    /** The folded words of {@code text}, as the index holds them (for building a query). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = WORDS.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    private static final class FoldingAnalyzer extends Analyzer {
        private final boolean prefixes;

        FoldingAnalyzer(boolean prefixes) {
            this.prefixes = prefixes;
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(SEPARATORS, reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(source);
            // German first (ä → a and ae → a, ß → ss), then every other Latin accent (ș → s, ĳ → ij).
            stream = new GermanNormalizationFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            if (prefixes) {
                stream = new EdgeNGramTokenFilter(stream, 1, PREFIX_MAX, true);
            }
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected Reader initReaderForNormalization(String fieldName, Reader reader) {
            return new MappingCharFilter(SEPARATORS, reader);
        }
    }
}
