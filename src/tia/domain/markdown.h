// tia/domain/markdown.h — the library's article bodies: CommonMark in, safe HTML out. Pure.
//
// Rendered by cmark-gfm (the reference CommonMark parser GitHub keeps), in its safe mode: raw
// HTML in the source is dropped (replaced by a comment) and links or images whose URL is
// javascript:, vbscript:, file: or a non-image data: are emptied. What comes out is only the
// elements CommonMark itself produces, so the HTML needs no second sanitiser and obeys the strict
// Content-Security-Policy (no inline script or style can appear).
//
//   std::string html = MarkdownToHtml("Cold helps. **Heat** does not.");
#pragma once

#include <string>
#include <string_view>

namespace tia::domain {

// Safe HTML for a CommonMark document (smart punctuation on). A level-1 heading becomes <h2>: the
// page's one <h1> is the article's title.
std::string MarkdownToHtml(std::string_view markdown);
// The document's text without markup (for the search index and snippets).
std::string MarkdownToText(std::string_view markdown);

}  // namespace tia::domain
