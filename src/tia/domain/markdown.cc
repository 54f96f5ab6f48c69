#include "tia/domain/markdown.h"

#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>

namespace tia::domain {
namespace {

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CharFree {
  void operator()(char* p) const { free(p); }  // NOLINT(cppcoreguidelines-no-malloc)
};
using Doc = std::unique_ptr<cmark_node, NodeFree>;

// CMARK_OPT_DEFAULT is the safe mode (CMARK_OPT_UNSAFE is not set).
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8;

Doc Parse(std::string_view markdown) {
  return Doc(cmark_parse_document(markdown.data(), markdown.size(), kOptions));
}

std::string Take(char* rendered) {
  std::unique_ptr<char, CharFree> owned(rendered);
  return owned ? std::string(owned.get()) : std::string();
}

}  // namespace

std::string MarkdownToHtml(std::string_view markdown) {
  Doc doc = Parse(markdown);
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev = cmark_iter_next(it); ev != CMARK_EVENT_DONE;
       ev = cmark_iter_next(it)) {
    cmark_node* node = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      if (cmark_node_get_heading_level(node) == 1) cmark_node_set_heading_level(node, 2);
    }
  }
  cmark_iter_free(it);
  return Take(cmark_render_html(doc.get(), kOptions, nullptr));
}

std::string MarkdownToText(std::string_view markdown) {
  Doc doc = Parse(markdown);
  return Take(cmark_render_plaintext(doc.get(), kOptions, 0));
}

}  // namespace tia::domain
