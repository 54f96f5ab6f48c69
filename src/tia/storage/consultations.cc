#include "tia/storage/consultations.h"

#include "tia/storage/sql_helpers.h"

namespace tia::storage::consultations {

namespace {

constexpr std::string_view kCols =
    "c.id, c.public_id, c.hospital_id, c.mother_id, c.symptom_check_id, c.disposition, c.subject, "
    "c.infant_id, c.priority, c.status, c.awaiting, c.assignee_id, c.opened_at, c.out_of_hours, "
    "c.deadline_at, c.first_reply_at, c.updated_at, c.closed_at, c.close_out, c.request_hash, "
    "c.version";
constexpr size_t kNCols = 21;

ConsultationRow ToConsultation(const Row& r) {
  return {r.Int(0),       r.Text(1),      r.Int(2),  r.Int(3),      OptText(r, 4), OptText(r, 5),
          r.Text(6),      OptText(r, 7),  r.Text(8), r.Text(9),     r.Text(10),    OptInt(r, 11),
          r.Int(12),      r.Int(13) != 0, r.Int(14), OptInt(r, 15), r.Int(16),     OptInt(r, 17),
          OptText(r, 18), r.Text(19),     r.Int(20)};
}

// The ThreadDigest of `c`, as three columns after kCols.
constexpr std::string_view kDigestCols =
    "(SELECT x.body FROM consultation_messages x WHERE x.consultation_id = c.id AND x.kind = "
    "'text' ORDER BY x.id LIMIT 1), (SELECT MAX(x.created_at) FROM consultation_messages x WHERE "
    "x.consultation_id = c.id AND x.kind <> 'note'), (SELECT COUNT(*) FROM consultation_messages "
    "x WHERE x.consultation_id = c.id AND x.kind <> 'note' AND x.author_id <> c.mother_id AND "
    "x.id > COALESCE(c.mother_read_id, 0))";

ThreadDigest ToDigest(const Row& r, size_t at) {
  return {OptText(r, at), OptInt(r, at + 1), r.Int(at + 2)};
}

std::string Query(std::string_view where) {
  return "SELECT " + std::string(kCols) + " FROM consultations c WHERE " + std::string(where);
}

constexpr std::string_view kMessageCols =
    "m.id, m.public_id, m.consultation_id, m.author_id, m.author_role, m.kind, m.body, "
    "m.request_hash, m.created_at, u.public_id, u.display_name";

MessageRow ToMessage(const Row& r) {
  return {r.Int(0),  r.Text(1), r.Int(2), r.Int(3),  r.Text(4), r.Text(5),
          r.Text(6), r.Text(7), r.Int(8), r.Text(9), r.Text(10)};
}

constexpr std::string_view kPhotoCols =
    "id, public_id, consultation_id, message_id, address, mime, size_bytes, width, height, "
    "created_at";

PhotoRow ToPhoto(const Row& r) {
  return {r.Int(0),  r.Text(1), r.Int(2), r.Int(3), r.Text(4),
          r.Text(5), r.Int(6),  r.Int(7), r.Int(8), r.Int(9)};
}

}  // namespace

Result<std::optional<ConsultationRow>> ByPublicId(Connection& c, const std::string& id) {
  return First<ConsultationRow>(c.Query(Query("c.public_id = $1"), {id}), ToConsultation);
}

Result<ConsultationRow> Insert(Connection& c, const ConsultationRow& r) {
  TIA_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("INSERT INTO consultations (public_id, hospital_id, mother_id, symptom_check_id, "
              "disposition, subject, infant_id, priority, status, awaiting, assignee_id, "
              "opened_at, out_of_hours, deadline_at, first_reply_at, updated_at, closed_at, "
              "close_out, request_hash, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
              "$11, $12, $13, $14, $15, $16, $17, $18, $19, 1) RETURNING id",
              {r.public_id, r.hospital_id, r.mother_id, Opt(r.symptom_check_id), Opt(r.disposition),
               r.subject, Opt(r.infant_id), r.priority, r.status, r.awaiting, Opt(r.assignee_id),
               r.opened_at, int64_t{r.out_of_hours ? 1 : 0}, r.deadline_at, Opt(r.first_reply_at),
               r.updated_at, Opt(r.closed_at), Opt(r.close_out), r.request_hash}));
  ConsultationRow out = r;
  out.id = rows.front().Int(0);
  out.version = 1;
  return out;
}

Result<bool> Update(Connection& c, const ConsultationRow& r) {
  TIA_ASSIGN_OR_RETURN(
      int64_t n,
      c.Execute("UPDATE consultations SET status = $1, awaiting = $2, assignee_id = $3, "
                "deadline_at = $4, first_reply_at = $5, updated_at = $6, closed_at = $7, "
                "close_out = $8, version = version + 1 WHERE id = $9 AND version = $10",
                {r.status, r.awaiting, Opt(r.assignee_id), r.deadline_at, Opt(r.first_reply_at),
                 r.updated_at, Opt(r.closed_at), Opt(r.close_out), r.id, r.version}));
  return n == 1;
}

Result<std::vector<MotherThreadRow>> OfMother(Connection& c, int64_t mother_id, int limit) {
  return All<MotherThreadRow>(
      c.Query("SELECT " + std::string(kCols) + ", " + std::string(kDigestCols) +
                  " FROM consultations c WHERE c.mother_id = $1 ORDER BY c.opened_at DESC, c.id "
                  "DESC LIMIT $2",
              {mother_id, int64_t{limit}}),
      [](const Row& r) {
        return MotherThreadRow{ToConsultation(r), ToDigest(r, kNCols)};
      });
}

Result<bool> MarkReadByMother(Connection& c, int64_t consultation_id) {
  TIA_ASSIGN_OR_RETURN(
      const int64_t n,
      c.Execute("UPDATE consultations SET mother_read_id = (SELECT MAX(x.id) FROM "
                "consultation_messages x WHERE x.consultation_id = $1) WHERE id = $1 AND "
                "COALESCE(mother_read_id, 0) < (SELECT COALESCE(MAX(x.id), 0) FROM "
                "consultation_messages x WHERE x.consultation_id = $1)",
                {consultation_id}));
  return n > 0;
}

Result<int64_t> UnreadThreadsOfMother(Connection& c, int64_t mother_id) {
  TIA_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT COUNT(*) FROM consultations c WHERE c.mother_id = $1 AND EXISTS (SELECT 1 "
              "FROM consultation_messages x WHERE x.consultation_id = c.id AND x.kind <> 'note' "
              "AND x.author_id <> c.mother_id AND x.id > COALESCE(c.mother_read_id, 0))",
              {mother_id}));
  return rows.front().Int(0);
}

Result<std::vector<QueueRow>> Queue(Connection& c, int64_t hospital_id, int limit,
                                    const std::vector<std::string>& priority_order) {
  Params params = {hospital_id, int64_t{limit}};
  std::string rank = "CASE c.priority";
  for (const auto& p : priority_order) {
    params.emplace_back(p);
    rank +=
        " WHEN $" + std::to_string(params.size()) + " THEN " + std::to_string(params.size() - 3);
  }
  rank += " ELSE " + std::to_string(priority_order.size()) + " END";
  const std::string sql =
      "SELECT " + std::string(kCols) + ", " + std::string(kDigestCols) +
      ", m.public_id, m.display_name, a.public_id, a.display_name, (SELECT COUNT(*) FROM "
      "consultation_photos p WHERE p.consultation_id = c.id) FROM consultations c JOIN users m ON "
      "m.id = c.mother_id LEFT JOIN users a ON a.id = c.assignee_id WHERE c.hospital_id = $1 AND "
      "c.status = 'open' ORDER BY CASE c.awaiting WHEN 'clinician' THEN 0 ELSE 1 END, " +
      rank + ", c.deadline_at, c.id LIMIT $2";
  return All<QueueRow>(c.Query(sql, params), [](const Row& r) {
    constexpr size_t kMother = kNCols + 3;  // after the digest
    return QueueRow{ToConsultation(r),   ToDigest(r, kNCols),     r.Text(kMother),
                    r.Text(kMother + 1), OptText(r, kMother + 2), OptText(r, kMother + 3),
                    r.Int(kMother + 4)};
  });
}

Result<MessageRow> AddMessage(Connection& c, const MessageRow& m) {
  return Inserted(c,
                  "INSERT INTO consultation_messages (public_id, consultation_id, author_id, "
                  "author_role, kind, body, request_hash, created_at) VALUES ($1, $2, $3, $4, $5, "
                  "$6, $7, $8) RETURNING id",
                  {m.public_id, m.consultation_id, m.author_id, m.author_role, m.kind, m.body,
                   m.request_hash, m.created_at},
                  m);
}

Result<std::optional<MessageRow>> MessageByPublicId(Connection& c, const std::string& id) {
  return First<MessageRow>(
      c.Query("SELECT " + std::string(kMessageCols) +
                  " FROM consultation_messages m JOIN users u ON u.id = m.author_id WHERE "
                  "m.public_id = $1",
              {id}),
      ToMessage);
}

Result<std::vector<MessageRow>> Messages(Connection& c, int64_t consultation_id) {
  return All<MessageRow>(
      c.Query("SELECT " + std::string(kMessageCols) +
                  " FROM consultation_messages m JOIN users u ON u.id = m.author_id WHERE "
                  "m.consultation_id = $1 ORDER BY m.id",
              {consultation_id}),
      ToMessage);
}

Result<PhotoRow> AddPhoto(Connection& c, const PhotoRow& p) {
  return Inserted(
      c,
      "INSERT INTO consultation_photos (public_id, consultation_id, message_id, address, "
      "mime, size_bytes, width, height, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9) RETURNING id",
      {p.public_id, p.consultation_id, p.message_id, p.address, p.mime, p.size_bytes, p.width,
       p.height, p.created_at},
      p);
}

Result<std::optional<PhotoRow>> PhotoByPublicId(Connection& c, const std::string& id) {
  return First<PhotoRow>(c.Query("SELECT " + std::string(kPhotoCols) +
                                     " FROM consultation_photos WHERE public_id = $1",
                                 {id}),
                         ToPhoto);
}

Result<std::vector<PhotoRow>> Photos(Connection& c, int64_t consultation_id) {
  return All<PhotoRow>(c.Query("SELECT " + std::string(kPhotoCols) +
                                   " FROM consultation_photos WHERE consultation_id = $1 ORDER "
                                   "BY id",
                               {consultation_id}),
                       ToPhoto);
}

Result<std::vector<std::string>> PhotoAddressesOfMother(Connection& c, int64_t mother_id) {
  return All<std::string>(
      c.Query("SELECT DISTINCT p.address FROM consultation_photos p JOIN consultations c ON c.id "
              "= p.consultation_id WHERE c.mother_id = $1",
              {mother_id}),
      [](const Row& r) { return r.Text(0); });
}

Result<bool> AddressInUse(Connection& c, const std::string& address) {
  TIA_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT 1 FROM consultation_photos WHERE address = $1 LIMIT 1", {address}));
  return !rows.empty();
}

Result<void> AddEvent(Connection& c, int64_t consultation_id, const ConsultationEventRow& e) {
  return Exec(c,
              "INSERT INTO consultation_events (consultation_id, at, actor_id, kind, assignee_id, "
              "reason) VALUES ($1, $2, $3, $4, $5, $6)",
              {consultation_id, e.at, e.actor_id, e.kind, Opt(e.assignee_id), Opt(e.reason)});
}

Result<std::vector<ConsultationEventRow>> Events(Connection& c, int64_t consultation_id) {
  return All<ConsultationEventRow>(
      c.Query("SELECT e.at, e.actor_id, e.kind, e.assignee_id, e.reason, u.display_name, "
              "a.display_name FROM consultation_events e JOIN users u ON u.id = e.actor_id LEFT "
              "JOIN users a ON a.id = e.assignee_id WHERE e.consultation_id = $1 ORDER BY e.id",
              {consultation_id}),
      [](const Row& r) {
        return ConsultationEventRow{r.Int(0),      r.Int(1),  r.Text(2),    OptInt(r, 3),
                                    OptText(r, 4), r.Text(5), OptText(r, 6)};
      });
}

}  // namespace tia::storage::consultations
