// tia/domain/search_text.h — how the library's search reads Vietnamese (and English). Pure.
//
// A mother types without diacritics ("tac tia sua", "dau", "duong") and expects "tắc tia sữa",
// "đau" and "đường". SQLite's FTS5 folds tones with `remove_diacritics 2` but not đ/Đ, and NFD
// stripping leaves đ too, so Tia folds in C++ with ICU's Latin-ASCII transliterator (đ → d) and
// lower-cases. Both engines then index only the folded tokens (ASCII letters and digits joined by
// spaces), so SQLite FTS5 and PostgreSQL's `simple` text search see the same words and give the
// same candidates; the ranking is computed here, once, for both.
//
// Ranking (research/knowledge-programme-interop.md (a)): duong, dương, đương and đường are
// different words, so a hit whose words carry the diacritics she typed ranks above a hit that only
// matches once folded; title hits rank above body hits.
//
//   Folded("Tắc tia sữa: ĐAU")        == "tac tia sua: dau"
//   Tokens("Tắc tia sữa: ĐAU")        == {"tac", "tia", "sua", "dau"}
//   ExactWords("Tắc tia sữa: ĐAU")    == {"tắc", "tia", "sữa", "đau"}
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tia::domain {

// Lower-cased, Latin-ASCII-transliterated text (other characters kept as they fold). Thread-safe.
std::string Folded(std::string_view utf8);
// The folded words: maximal runs of ASCII letters and digits.
std::vector<std::string> Tokens(std::string_view utf8);
// The words lower-cased but with their diacritics (Unicode letters and digits, NFC).
std::vector<std::string> ExactWords(std::string_view utf8);
// Tokens joined by single spaces: the text both engines index.
std::string IndexText(std::string_view utf8);

// A search query: its folded tokens (every one must prefix-match a word of a hit; the last is what
// she is still typing) and its exact words.
struct SearchQuery {
  std::vector<std::string> tokens;
  std::vector<std::string> exact;
};
// At most `max_terms` terms are kept (the rest would only narrow an already narrow search).
SearchQuery ParseQuery(std::string_view utf8, size_t max_terms = 8);

// A document read for ranking: each field's words, folded and exact, aligned index by index.
// Reading is the costly part (ICU per word); a published text never changes, so the library keeps
// the prepared form of each (app/library.h) and only scores it per query.
struct SearchField {
  std::vector<std::string> folded;
  std::vector<std::string> exact;
};
struct SearchDoc {
  SearchField title, summary, body;
};
SearchDoc PrepareSearchDoc(std::string_view title, std::string_view summary, std::string_view body);

// The score of one document for a query (higher is better; 0 when a token matches nothing).
// `title` weighs three times `summary`, which weighs twice `body`; a word typed with the
// document's own diacritics scores more than one that matches only when folded; a whole-word
// match more than a prefix.
double SearchScore(const SearchQuery& q, const SearchDoc& doc);
double SearchScore(const SearchQuery& q, std::string_view title, std::string_view summary,
                   std::string_view body);

// A short plain-text extract of `text` around the first word matching the query (for results).
std::string Snippet(const SearchQuery& q, std::string_view text, size_t max_chars = 160);

}  // namespace tia::domain
