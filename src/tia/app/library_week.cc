// The library for one mother: this week's card on the chained clock of pregnancy and the weeks
// after the birth (domain/pregnancy.h).
#include "tia/app/access.h"
#include "tia/app/check_input.h"
#include "tia/app/library_parts.h"
#include "tia/app/maternity_parts.h"
#include "tia/base/time.h"
#include "tia/domain/article.h"
#include "tia/domain/pregnancy.h"
#include "tia/domain/scheduling.h"
#include "tia/storage/repositories.h"

namespace tia::app {

namespace store = storage::library;

namespace {

std::optional<int32_t> DateIn(const Json& profile, const char* key) {
  if (!profile.contains(key)) return std::nullopt;
  return ParseDate(profile[key].get<std::string>());
}

}  // namespace

Result<Json> Library::Week(const Caller& caller, const std::string& mother,
                           const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(Subject subject,
                       ResolveSubject(s_, caller, mother, auth::Action::kReadMotherData, "week"));
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](lib::Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto row, storage::records::Get(c, subject.mother_id, "profile"));
    std::optional<Json> profile;
    if (row && !row->deleted) {
      TIA_ASSIGN_OR_RETURN(profile, domain::ParseStored(row->body));
    }
    const int32_t today = domain::LocalDateOf(ZoneOfProfile(profile), now);
    Json out = {{"today", FormatDate(today)},
                {"stage", nullptr},
                {"weeks", nullptr},
                {"days", nullptr},
                {"day_count", nullptr},
                {"dated_from", nullptr},
                {"due_date", nullptr},
                {"card_week", nullptr},
                {"card", nullptr},
                {"pause", nullptr},
                {"loss", false},
                {"programme", nullptr}};
    // Her hospital's records win over her profile: the due date it dated (a scan), the birth
    // its staff recorded. A pregnancy loss shows no pregnancy or baby content; a pause, no card.
    TIA_ASSIGN_OR_RETURN(auto programme,
                         mat::ProgrammeOf(c, subject.mother_id, ZoneOfProfile(profile)));
    out["pause"] = programme.pause ? Json{{"reason", programme.pause->reason},
                                          {"since", FormatUtc(programme.pause->started_at)}}
                                   : Json(nullptr);
    out["loss"] = programme.loss;
    TIA_ASSIGN_OR_RETURN(auto registration,
                         storage::maternity::CurrentPregnancy(c, subject.mother_id));
    if (registration) {
      TIA_ASSIGN_OR_RETURN(out["programme"], mat::ProgrammeSummary(c, *registration, now));
    }
    if (programme.loss) return out;
    domain::Dates dates;
    if (profile) {
      dates.due = DateIn(*profile, "due_date");
      dates.last_period = DateIn(*profile, "last_period_date");
      dates.birth = DateIn(*profile, "baby_birth_date");
      if (!dates.birth) dates.birth = DateIn(*profile, "delivery_date");
    }
    if (programme.due_date) {
      dates.due = programme.due_date;
      dates.last_period.reset();
    }
    if (programme.birth_date) dates.birth = programme.birth_date;
    const auto stage = domain::StageOn(today, dates);
    if (!stage) return out;
    out.update({{"stage", domain::StageName(stage->stage)},
                {"weeks", stage->weeks},
                {"days", stage->days},
                {"day_count", stage->day_count},
                {"dated_from", stage->dated_from}});
    if (stage->stage == domain::Stage::kPregnancy) out["due_date"] = FormatDate(stage->due);
    if (!stage->card_week || !subject.hospital_id || programme.pause) return out;
    out["card_week"] = *stage->card_week;
    const std::string slug = domain::WeekSlug(domain::StageName(stage->stage), *stage->card_week);
    TIA_ASSIGN_OR_RETURN(auto article, store::ArticleBySlug(c, *subject.hospital_id, slug));
    if (!article) return out;
    TIA_ASSIGN_OR_RETURN(auto published, store::Published(c, article->id));
    if (!published) return out;
    TIA_ASSIGN_OR_RETURN(Json content, domain::ParseStored(published->version.content));
    // Her language, or the card's other language when it was written in one only.
    const Json& texts = content["texts"];
    const Json& text = texts.contains(lang) ? texts[lang] : texts.begin().value();
    TIA_ASSIGN_OR_RETURN(auto h, storage::hospitals::ById(c, *subject.hospital_id));
    out["card"] = {{"hospital", h ? h->code : std::string()},
                   {"slug", slug},
                   {"version", published->version.number},
                   {"lang", texts.contains(lang) ? lang : texts.begin().key()},
                   {"title", text["title"]},
                   {"summary", text["summary"]},
                   {"size", content.value("size", Json(nullptr))}};
    return out;
  });
}

}  // namespace tia::app
