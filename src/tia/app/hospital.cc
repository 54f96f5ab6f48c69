#include "tia/app/hospital.h"

#include <cstdlib>
#include <mutex>
#include <tuple>

#include "tia/app/access.h"
#include "tia/base/metrics.h"

namespace tia::app {

Result<Json> HospitalMothers(Services& s, const Caller& caller) {
  const auto& p = *caller.principal;
  if (p.role != auth::Role::kClinician || !p.hospital_id) {
    return Fail(ErrorCode::kNotFound, "not found");
  }
  TIA_ASSIGN_OR_RETURN(auto rows, s.db->Read([&](storage::Connection& c) {
    return storage::users::MothersOf(c, *p.hospital_id, 100);
  }));
  const auto e = AuditOf(s, caller, "read", "mother_list", "success", std::nullopt);
  TIA_TRY(s.db->Write([&](storage::Connection& c) { return storage::audit::Append(c, e); }));
  Json items = Json::array();
  for (const auto& u : rows)
    items.push_back({{"id", u.public_id}, {"display_name", u.display_name}});
  return Json{{"items", items}};
}

Result<Json> AuditTrail(Services& s, const Caller& caller, const AuditQuery& q) {
  const auto& p = *caller.principal;
  if (p.role != auth::Role::kHospitalAdmin || !p.hospital_id) {
    return Fail(ErrorCode::kNotFound, "not found");
  }
  storage::AuditFilter f;
  f.hospital_id = *p.hospital_id;
  f.action = q.action;
  f.outcome = q.outcome;
  if (q.limit < 1 || q.limit > 500) return Invalid("/limit", "must be between 1 and 500");
  f.limit = static_cast<int>(q.limit);
  for (auto [text, into, field] : {std::tuple{&q.from, &f.from, "/from"}, {&q.to, &f.to, "/to"}}) {
    if (text->empty()) continue;
    const auto t = ParseRfc3339(*text);
    if (!t) {
      return Invalid(field,
                     "must be a date-time with a UTC offset, like 2026-11-25T03:12:00+07:00");
    }
    *into = t->utc_ms;
  }
  if (!q.cursor.empty()) {
    char* end = nullptr;
    const long long id = std::strtoll(q.cursor.c_str(), &end, 10);
    if (*end != '\0' || id <= 0) return Invalid("/cursor", "is not a cursor this server gave out");
    f.before_id = id;
  }
  Json out;
  TIA_TRY(s.db->Read([&](storage::Connection& c) -> Result<void> {
    // A person named by id: only one of this hospital's (or a mother registered with it) matches.
    for (auto [id, into] : {std::pair{&q.actor, &f.actor_id}, {&q.subject, &f.subject_id}}) {
      if (id->empty()) continue;
      TIA_ASSIGN_OR_RETURN(auto u, storage::users::ByPublicId(c, *id));
      *into = u && u->hospital_id == p.hospital_id ? u->id : -1;
    }
    TIA_ASSIGN_OR_RETURN(auto rows, storage::audit::Search(c, f));
    TIA_ASSIGN_OR_RETURN(auto facets, storage::audit::Facets(c, f.hospital_id));
    const bool more = rows.size() > static_cast<size_t>(f.limit);
    if (more) rows.pop_back();
    Json items = Json::array();
    const auto person = [](const std::string& id, const std::string& name) {
      return id.empty() ? Json() : Json{{"id", id}, {"name", name}};
    };
    for (const auto& v : rows) {
      const auto& a = v.event;
      items.push_back({{"at", FormatUtc(a.at)},
                       {"actor_role", a.actor_role},
                       {"actor", person(v.actor_public_id, v.actor_name)},
                       {"action", a.action},
                       {"resource", a.resource},
                       {"outcome", a.outcome},
                       {"subject", person(v.subject_public_id, v.subject_name)},
                       {"request_id", a.request_id}});
    }
    out = {{"items", items},
           {"next_cursor", more ? Json(std::to_string(rows.back().id)) : Json()},
           {"actions", facets.first},
           {"outcomes", facets.second}};
    return Ok();
  }));
  const auto e = AuditOf(s, caller, "read", "audit", "success", std::nullopt);
  TIA_TRY(s.db->Write([&](storage::Connection& c) { return storage::audit::Append(c, e); }));
  return out;
}

Result<void> CheckReady(Services& s) {
  TIA_TRY(s.db->Read([](storage::Connection& c) { return c.Query("SELECT 1"); }));
  return {};
}

Result<std::string> MetricsPage(Services& s) {
  static std::mutex scrape;  // two scrapes at once would clear each other's gauges
  std::lock_guard lock(scrape);
  const int64_t now = s.clock->NowMs();
  TIA_TRY(s.db->Read([&](storage::Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(
        auto outbox, c.Query("SELECT channel, COUNT(*), MIN(CASE WHEN next_attempt_at <= $1 THEN "
                             "next_attempt_at END) FROM outbox_messages WHERE status IN "
                             "('pending', 'sending') AND (expires_at IS NULL OR expires_at > $1) "
                             "GROUP BY channel",
                             {now}));
    metrics::Clear("tia_outbox_backlog");
    metrics::Clear("tia_outbox_oldest_due_seconds");
    for (const std::string channel : {"email", "sms", "zalo"}) {  // 0 when none wait
      metrics::Set("tia_outbox_backlog", {{"channel", channel}}, 0);
      metrics::Set("tia_outbox_oldest_due_seconds", {{"channel", channel}}, 0);
    }
    for (const auto& r : outbox) {
      metrics::Set("tia_outbox_backlog", {{"channel", r.Text(0)}}, static_cast<double>(r.Int(1)));
      if (!r.IsNull(2)) {
        metrics::Set("tia_outbox_oldest_due_seconds", {{"channel", r.Text(0)}},
                     static_cast<double>(now - r.Int(2)) / 1000.0);
      }
    }
    TIA_ASSIGN_OR_RETURN(
        auto waiting,
        c.Query("SELECT priority, COUNT(*), SUM(CASE WHEN deadline_at < $1 THEN 1 ELSE 0 END) "
                "FROM consultations WHERE status = 'open' AND awaiting = 'clinician' "
                "GROUP BY priority",
                {now}));
    metrics::Clear("tia_consultations_waiting");
    metrics::Clear("tia_consultations_overdue");
    for (const std::string priority : {"same_day", "contact_24h", "routine"}) {
      metrics::Set("tia_consultations_waiting", {{"priority", priority}}, 0);
      metrics::Set("tia_consultations_overdue", {{"priority", priority}}, 0);
    }
    for (const auto& r : waiting) {
      metrics::Set("tia_consultations_waiting", {{"priority", r.Text(0)}},
                   static_cast<double>(r.Int(1)));
      metrics::Set("tia_consultations_overdue", {{"priority", r.Text(0)}},
                   static_cast<double>(r.Int(2)));
    }
    return Ok();
  }));
  return metrics::Render();
}

}  // namespace tia::app
