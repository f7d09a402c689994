package dev.polystore.platform.vector.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.UnicodeUtil;

/**
 * The text analysis of turbopuffer's full-text search with its defaults (its schema documentation:
 * language english, remove_stopwords true, stemming false, case_sensitive false, max_token_length
 * 39), so that the embedded engine finds what turbopuffer finds: words of Unicode text segmentation,
 * lower-cased, English stop words removed, no stemming, and tokens longer than 39 bytes dropped.
 */
final class FullTextAnalyzer extends Analyzer {
  static final int MAX_TOKEN_BYTES = 39;

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer words = new StandardTokenizer();
    // Whole tokens, so that a long one is dropped below rather than cut into pieces that match.
    words.setMaxTokenLength(StandardTokenizer.MAX_TOKEN_LENGTH_LIMIT);
    TokenStream tokens = new LowerCaseFilter(words);
    tokens = new StopFilter(tokens, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    tokens = new MaxUtf8Length(tokens);
    return new TokenStreamComponents(words, tokens);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }

  /** Drops tokens longer than {@link #MAX_TOKEN_BYTES} in UTF-8, as turbopuffer counts them. */
  private static final class MaxUtf8Length extends FilteringTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    MaxUtf8Length(TokenStream in) {
      super(in);
    }

    @Override
    protected boolean accept() {
      return UnicodeUtil.calcUTF16toUTF8Length(term, 0, term.length()) <= MAX_TOKEN_BYTES;
    }
  }
}
