// tia/cli/library_seed.h — the library content Tia ships (content/library/, compiled in): the
// blocked-duct article rewritten to current guidance and its related articles, written from the
// clinical evidence and awaiting a clinician's review in every hospital that loads it.
//
// Layout: <slug>.json {meta, references} with <slug>.vi.md and <slug>.en.md, each starting with
// "title: ..." and "summary: ..." lines, a blank line, then the CommonMark body.
#pragma once

#include <vector>

#include "tia/app/use_cases.h"

namespace tia::cli {

// The shipped articles as {meta, content {texts, references}}; an error names the file.
Result<std::vector<domain::Json>> ShippedArticles();
// Loads them into a hospital's library, submitted for review. Returns how many were new.
Result<int> SeedLibrary(app::UseCases& app, int64_t hospital_id);
// The demo: seeds, then `clinician` approves (both languages) and `admin` publishes each.
Result<int> SeedAndPublish(app::UseCases& app, int64_t hospital_id, const app::Caller& clinician,
                           const app::Caller& admin);

}  // namespace tia::cli
