#include "tia/domain/search_text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace tia::domain {
namespace {

// ICU transliterators are not safe to share between threads: each thread clones the one built
// at first use. A missing transliterator is a broken ICU install, not a user's problem.
const icu::Transliterator& LatinAscii() {
  static const std::unique_ptr<icu::Transliterator> shared = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) std::abort();  // ICU data without Latin-ASCII: cannot search
    return t;
  }();
  thread_local const std::unique_ptr<icu::Transliterator> mine(shared->clone());
  return *mine;
}

bool IsWordChar(UChar32 c) { return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

// Byte ranges [begin, end) of the words of `s` (runs of Unicode letters, digits and marks).
template <class F>
void ForEachWord(std::string_view s, F f) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  int32_t start = -1;
  while (i < n) {
    const int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    const bool word = c >= 0 && IsWordChar(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      if (!f(static_cast<size_t>(start), static_cast<size_t>(at))) return;
      start = -1;
    }
  }
  if (start >= 0) f(static_cast<size_t>(start), s.size());
}

std::string Lower(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) u = nfc->normalize(u, status);
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> SplitAscii(std::string_view folded) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && std::isalnum(c)) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

using Words = SearchField;

Words WordsOf(std::string_view text) {
  Words w{Tokens(text), ExactWords(text)};
  if (w.folded.size() != w.exact.size()) {
    // A character that folds to several words or none: fold word by word instead.
    w.folded.clear();
    for (const auto& e : w.exact) {
      auto t = Tokens(e);
      std::string joined;
      for (const auto& part : t) joined += part;
      w.folded.push_back(std::move(joined));
    }
  }
  return w;
}

// How well one query term matches a field: 0 none, 1 prefix, 2 whole word; +2 with her
// diacritics. Also counts the matching words (for a little weight on frequency).
struct TermMatch {
  double best = 0;
  int count = 0;
};

TermMatch MatchTerm(const Words& w, const std::string& token, const std::string& exact, bool last) {
  TermMatch m;
  for (size_t i = 0; i < w.folded.size(); ++i) {
    const std::string& f = w.folded[i];
    if (!StartsWith(f, token)) continue;
    ++m.count;
    double s = f.size() == token.size() ? 2 : 1;
    const std::string& e = w.exact[i];
    if (e == exact || (last && StartsWith(e, exact))) s += 2;
    m.best = std::max(m.best, s);
  }
  return m;
}

}  // namespace

std::string Folded(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  u.toLower(icu::Locale::getRoot());
  LatinAscii().transliterate(u);
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::vector<std::string> Tokens(std::string_view utf8) { return SplitAscii(Folded(utf8)); }

std::vector<std::string> ExactWords(std::string_view utf8) {
  std::vector<std::string> out;
  ForEachWord(utf8, [&](size_t b, size_t e) {
    out.push_back(Lower(utf8.substr(b, e - b)));
    return true;
  });
  return out;
}

std::string IndexText(std::string_view utf8) {
  std::string out;
  for (const auto& t : Tokens(utf8)) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

SearchQuery ParseQuery(std::string_view utf8, size_t max_terms) {
  SearchQuery q;
  const Words w = WordsOf(utf8);
  for (size_t i = 0; i < w.folded.size() && q.tokens.size() < max_terms; ++i) {
    if (w.folded[i].empty()) continue;
    q.tokens.push_back(w.folded[i]);
    q.exact.push_back(w.exact[i]);
  }
  return q;
}

SearchDoc PrepareSearchDoc(std::string_view title, std::string_view summary,
                           std::string_view body) {
  return {WordsOf(title), WordsOf(summary), WordsOf(body)};
}

double SearchScore(const SearchQuery& q, const SearchDoc& doc) {
  if (q.tokens.empty()) return 0;
  const Words* fields[] = {&doc.title, &doc.summary, &doc.body};
  constexpr double kWeight[] = {6, 2, 1};
  double total = 0;
  for (size_t t = 0; t < q.tokens.size(); ++t) {
    const bool last = t + 1 == q.tokens.size();
    double term = 0;
    for (size_t f = 0; f < 3; ++f) {
      const TermMatch m = MatchTerm(*fields[f], q.tokens[t], q.exact[t], last);
      term += kWeight[f] * m.best + 0.1 * std::min(m.count, 5);
    }
    if (term == 0) return 0;
    total += term;
  }
  return total;
}

double SearchScore(const SearchQuery& q, std::string_view title, std::string_view summary,
                   std::string_view body) {
  return q.tokens.empty() ? 0 : SearchScore(q, PrepareSearchDoc(title, summary, body));
}

std::string Snippet(const SearchQuery& q, std::string_view text, size_t max_chars) {
  size_t hit = std::string_view::npos;
  ForEachWord(text, [&](size_t b, size_t e) {
    const std::string folded = IndexText(text.substr(b, e - b));
    for (const auto& t : q.tokens) {
      if (StartsWith(folded, t)) {
        hit = b;
        return false;
      }
    }
    return true;
  });
  size_t from = 0;
  if (hit != std::string_view::npos && hit > max_chars / 3) {
    from = hit - max_chars / 3;
    while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
    const size_t space = text.find(' ', from);
    if (space != std::string_view::npos && space < hit) from = space + 1;
  }
  size_t to = std::min(text.size(), from + max_chars);
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  if (to < text.size()) {
    const size_t space = text.rfind(' ', to);
    if (space != std::string_view::npos && space > from) to = space;
  }
  std::string out = from > 0 ? "… " : "";
  out += text.substr(from, to - from);
  if (to < text.size()) out += " …";
  return out;
}

}  // namespace tia::domain
