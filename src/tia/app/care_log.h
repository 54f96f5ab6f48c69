// tia/app/care_log.h — the mother's care log: idempotent writes, reads, history, summary, export.
//
// A record is written by PUT with the id the phone chose. The same PUT sent again (after a lost
// reply) stores nothing new and answers exactly as the first time; a changed body is an edit that
// keeps the previous version in history; DELETE is soft. Writes are acknowledged only after the
// group commit that holds them is durable. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "tia/app/context.h"
#include "tia/domain/records.h"
#include "tia/domain/summary.h"
#include "tia/storage/repositories.h"

namespace tia::app {

using domain::Json;

// One record as the API shows it, already serialised (the hot paths never re-parse stored JSON).
struct RecordReply {
  bool created = false;  // 201 rather than 200
  int64_t version = 0;
  std::string json;
};

// An import from another tracker (docs/imports.md), as the query string gives it; empty: the
// default (her profile's time zone, else Asia/Ho_Chi_Minh; ml, °C, kg).
struct ImportQuery {
  std::string format;  // babybuddy, huckleberry
  std::string time_zone, volume_unit, temperature_unit, weight_unit;
  bool dry_run = true;
  // Words a skipped row's reason in her language (the HTTP layer's catalogue); none: English.
  std::function<std::string(const std::string&)> say;
};

struct ListQuery {
  std::optional<std::string> cursor;  // opaque, from a previous page's next_cursor
  int limit = 20;                     // 1..100
};

class CareLog {
 public:
  explicit CareLog(Services& s) : s_(s) {}

  // `if_match` is the version the client last saw, when it sent If-Match. Blocks until durable.
  Result<RecordReply> Put(const Caller& caller, const std::string& mother, domain::RecordKind kind,
                          const std::string& id, const Json& body, std::optional<int64_t> if_match);
  // The same without blocking: `done` runs once, on this thread (a refusal before any write) or
  // on the database's writer thread after the commit.
  void PutAsync(const Caller& caller, const std::string& mother, domain::RecordKind kind,
                const std::string& id, const Json& body, std::optional<int64_t> if_match,
                std::function<void(Result<RecordReply>)> done);
  Result<RecordReply> Get(const Caller& caller, const std::string& mother, domain::RecordKind kind,
                          const std::string& id);
  // {"items": [...], "next_cursor": ...} as JSON text.
  Result<std::string> List(const Caller& caller, const std::string& mother, domain::RecordKind kind,
                           const ListQuery& q);
  Result<Json> Delete(const Caller& caller, const std::string& mother, domain::RecordKind kind,
                      const std::string& id);
  Result<Json> History(const Caller& caller, const std::string& mother, domain::RecordKind kind,
                       const std::string& id);

  Result<RecordReply> PutProfile(const Caller& caller, const std::string& mother, const Json& body);
  Result<Json> GetProfile(const Caller& caller, const std::string& mother);

  Result<Json> Summary(const Caller& caller, const std::string& mother);
  // Day-by-day series of the last `days` local dates (domain::Charts), for charts and the
  // printable summary.
  Result<Json> Charts(const Caller& caller, const std::string& mother, int days);
  // Everything the mother owns (right of access). Needs a recent sign-in for a mother's session.
  Result<Json> Export(const Caller& caller, const std::string& mother);
  // The same, for the CLI (no caller; audited as the operator).
  Result<Json> ExportById(int64_t mother_id, const std::string& operator_note);
  // One kind of her records (`collection`: "feeds", "temperatures"...) as a CSV table
  // (domain/export_csv.h), oldest first, deleted ones left out; the same sign-in and audit as
  // Export.
  Result<std::string> ExportCsv(const Caller& caller, const std::string& mother,
                                const std::string& collection);
  // Her entries from another tracker's export (`file`: CSV, or XLSX for Baby Buddy), the mother
  // herself only: {source, dry_run, counts: {collection: {new, already}}, added, skipped: [{line,
  // reason}], rejected_csv}. A dry run stores nothing; otherwise every new record is stored in
  // one transaction (ids derived from her and the row: a second import adds nothing). Audited.
  Result<Json> Import(const Caller& caller, const std::string& mother, const std::string& file,
                      const ImportQuery& q);
  // The same for the CLI (`tia import`), audited as the operator.
  Result<Json> ImportById(int64_t mother_id, const std::string& file, const ImportQuery& q);

 private:
  Result<Json> ImportFor(const storage::UserRow& her, const std::string& file, const ImportQuery& q,
                         const storage::AuditEvent& audit);

  Services& s_;
};

// Stored rows as the domain's pure functions take them (rows of an unknown kind are left out).
Result<std::vector<domain::StoredRecord>> StoredRecords(
    const std::vector<storage::RecordRow>& rows);

// The JSON text of a stored record as the API shows it: the canonical body with the server's
// fields (id, kind, recorded_at, updated_at, version) spliced in, without parsing the body.
std::string RecordText(const std::string& id, const std::string& kind, const std::string& body,
                       int64_t recorded_at, int64_t updated_at, int64_t version);
// The same, parsed (for history and export, which are not hot).
Result<Json> RecordJson(const std::string& id, const std::string& kind, const std::string& body,
                        int64_t recorded_at, int64_t updated_at, int64_t version);

}  // namespace tia::app
