// The storage conformance suite: the same tests on SQLite and on PostgreSQL.
//
// Without TIA_TEST_PG_URL it runs on a fresh SQLite file per test; ctest runs it a second time
// under scripts/with-postgres, which sets TIA_TEST_PG_URL to a throwaway cluster.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "tia/app/accounts.h"
#include "tia/app/care_log.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/storage/migrations.h"
#include "tia/storage/repositories.h"

namespace tia::storage {
namespace {

using domain::Json;

// A new record (fails when its id is taken): what the care log's writes do, for these tests.
Result<void> InsertRecord(Connection& c, const RecordRow& r) {
  TIA_ASSIGN_OR_RETURN(bool inserted, records::InsertIfAbsent(c, r));
  if (!inserted) return Fail(ErrorCode::kConflict, "the record id is taken");
  return Ok();
}

class Conformance : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(auth::InitCrypto());
    if (const char* pg = std::getenv("TIA_TEST_PG_URL")) {
      url_ = pg;
      auto c = Connect(url_);
      ASSERT_TRUE(c) << c.error().message;
      ASSERT_TRUE((*c)->ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("tia-conf-" + NewUuid());
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "t.db").string();
    }
    auto db = Database::Open(url_);
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    auto applied = db_->Read([](Connection& c) { return Migrate(c); });
    ASSERT_TRUE(applied) << applied.error().message;
    ASSERT_GE(*applied, 1);
  }
  void TearDown() override {
    if (db_) db_->Close();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  template <class F>
  auto Read(F f) {
    return db_->Read(f);
  }

  UserRow AddMother(const std::string& email) {
    auto h = db_->Read([](Connection& c) { return hospitals::ByCode(c, "h1"); });
    EXPECT_TRUE(h);
    int64_t hid = 0;
    if (*h) {
      hid = (*h)->id;
    } else {
      EXPECT_TRUE(db_->Write([&](Connection& c) -> Result<void> {
        TIA_ASSIGN_OR_RETURN(auto row, hospitals::Insert(c, "h1", "Hospital One", 1));
        hid = row.id;
        return Ok();
      }));
    }
    UserRow u{0, NewUuid(), email,        "M",         "mother", hid, "$argon2id$x",
              0, 0,         std::nullopt, std::nullopt};
    EXPECT_TRUE(db_->Write([&](Connection& c) -> Result<void> {
      TIA_ASSIGN_OR_RETURN(u, users::Insert(c, u, 1000));
      return Ok();
    }));
    return u;
  }

  std::string url_;
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(Conformance, MigrationsAreRecordedAndNotReapplied) {
  auto again = Read([](Connection& c) { return Migrate(c); });
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  auto status = Read([](Connection& c) { return MigrationStatus(c); });
  ASSERT_TRUE(status);
  ASSERT_FALSE(status->empty());
  for (const auto& s : *status) EXPECT_TRUE(s.applied) << s.name;
  EXPECT_TRUE(Read([](Connection& c) { return CheckMigrated(c); }));
}

TEST_F(Conformance, PlaceholdersBindByNumberNotByOrder) {
  auto rows = Read([](Connection& c) {
    return c.Query("SELECT CAST($2 AS TEXT), CAST($1 AS TEXT)",
                   {std::string("one"), std::string("two")});
  });
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Text(0), "two");
  EXPECT_EQ(rows->front().Text(1), "one");
}

TEST_F(Conformance, SixtyFourBitIntegersAndBooleansRoundTrip) {
  UserRow m = AddMother("a@x.org");
  RecordRow r{m.id, NewUuid(), "note", {5'000'000'000'000, -330}, 7, 7, 1, true, "{}",
              "h",  m.id,      m.id};
  ASSERT_TRUE(db_->Write([&](Connection& c) { return InsertRecord(c, r); }));
  auto got = Read([&](Connection& c) { return records::Get(c, m.id, r.id); });
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->occurred_at.utc_ms, 5'000'000'000'000);
  EXPECT_EQ((*got)->occurred_at.offset_min, -330);
  EXPECT_TRUE((*got)->deleted);
}

TEST_F(Conformance, UniqueViolationIsAConflictAndRollsBackOnlyThatWrite) {
  UserRow m = AddMother("b@x.org");
  UserRow dup{0,   NewUuid(), "b@x.org", "M",          "mother",    m.hospital_id,
              "x", 0,         0,         std::nullopt, std::nullopt};
  auto r = db_->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(users::Insert(c, dup, 1));
    return Ok();
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  auto found = Read([&](Connection& c) { return users::ByPublicId(c, dup.public_id); });
  ASSERT_TRUE(found);
  EXPECT_FALSE(*found);
}

TEST_F(Conformance, GroupCommitKeepsEveryWriteAndIsolatesFailures) {
  UserRow m = AddMother("c@x.org");
  constexpr int kThreads = 16, kPerThread = 25;
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const bool poison = (i == 7);  // writes a duplicate primary key: must fail alone
        RecordRow r{m.id,   poison ? std::string("dup") : NewUuid(),
                    "note", {i, 0},
                    1,      1,
                    1,      false,
                    "{}",   "h",
                    m.id,   m.id};
        auto res = db_->Write([&](Connection& c) -> Result<void> {
          TIA_TRY(InsertRecord(c, r));
          // The poison write fails after its insert: its savepoint must take the row back.
          if (poison) return Fail(ErrorCode::kConflict, "poison");
          return Ok();
        });
        (res ? ok : failed)++;
        (void)t;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), kThreads);  // every poison write failed...
  auto count = Read([&](Connection& c) { return records::CountLive(c, m.id); });
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, kThreads * (kPerThread - 1));  // ...and took nothing else with it
  const auto stats = db_->stats();
  EXPECT_GE(stats.writes, static_cast<uint64_t>(kThreads * kPerThread - kThreads));
  EXPECT_LE(stats.commits, stats.writes);
}

TEST_F(Conformance, RecordsReplaceKeepsHistoryAndListPaginates) {
  UserRow m = AddMother("d@x.org");
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    RecordRow r{m.id, NewUuid(), "feed", {1000 + i * 10, 0}, 1, 1, 1, false, "{}", "h", m.id, m.id};
    ids.push_back(r.id);
    ASSERT_TRUE(db_->Write([&](Connection& c) { return InsertRecord(c, r); }));
  }
  auto cur = Read([&](Connection& c) { return records::Get(c, m.id, ids[0]); });
  ASSERT_TRUE(cur && *cur);
  RecordRow next = **cur;
  next.version = 2;
  next.body = R"({"a":1})";
  ASSERT_TRUE(db_->Write([&](Connection& c) { return records::Replace(c, **cur, next); }));
  // A stale replace (expects version 1) is refused.
  EXPECT_FALSE(db_->Write([&](Connection& c) { return records::Replace(c, **cur, next); }));
  auto hist = Read([&](Connection& c) { return records::History(c, m.id, ids[0]); });
  ASSERT_TRUE(hist);
  ASSERT_EQ(hist->size(), 1u);
  EXPECT_EQ(hist->front().version, 1);

  auto p1 = Read([&](Connection& c) { return records::List(c, m.id, "feed", std::nullopt, 2); });
  ASSERT_TRUE(p1);
  ASSERT_EQ(p1->rows.size(), 2u);
  EXPECT_EQ(p1->rows[0].id, ids[4]);
  ASSERT_TRUE(p1->next);
  auto p2 = Read([&](Connection& c) { return records::List(c, m.id, "feed", p1->next, 2); });
  auto p3 = Read([&](Connection& c) { return records::List(c, m.id, "feed", p2->next, 2); });
  ASSERT_TRUE(p2 && p3);
  EXPECT_EQ(p2->rows[0].id, ids[2]);
  ASSERT_EQ(p3->rows.size(), 1u);
  EXPECT_EQ(p3->rows[0].id, ids[0]);
  EXPECT_FALSE(p3->next);
}

TEST_F(Conformance, AuditLogIsAppendOnly) {
  UserRow m = AddMother("e@x.org");
  AuditEvent e{1,      m.id,   "clinician", m.hospital_id, m.id,
               "read", "feed", "success",   "127.0.0.1",   "r1"};
  ASSERT_TRUE(db_->Write([&](Connection& c) { return audit::Append(c, e); }));
  auto upd = db_->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(c.Execute("UPDATE audit_events SET outcome = 'x'", {}));
    return Ok();
  });
  EXPECT_FALSE(upd);
  auto del = db_->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(c.Execute("DELETE FROM audit_events", {}));
    return Ok();
  });
  EXPECT_FALSE(del);
  auto rows = Read([&](Connection& c) { return audit::AboutSubject(c, m.id); });
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().outcome, "success");
}

TEST_F(Conformance, SessionsAndGrants) {
  UserRow m = AddMother("f@x.org");
  SessionRow s{"hash1", m.id, "csrf", 1, 1, 1, 100, 1000, false};
  ASSERT_TRUE(db_->Write([&](Connection& c) { return sessions::Insert(c, s); }));
  ASSERT_TRUE(db_->Write([&](Connection& c) { return sessions::Revoke(c, "hash1"); }));
  auto got = Read([](Connection& c) { return sessions::ByHash(c, "hash1"); });
  ASSERT_TRUE(got && *got);
  EXPECT_TRUE((*got)->revoked);

  GrantRow g{0, NewUuid(), m.id, std::nullopt, "baby", 1, 100, std::nullopt, std::nullopt};
  ASSERT_TRUE(db_->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(g, grants::Insert(c, g, "inv"));
    return Ok();
  }));
  auto by = Read([](Connection& c) { return grants::ByInviteHash(c, "inv"); });
  ASSERT_TRUE(by && *by);
  EXPECT_EQ((*by)->scope, "baby");
  EXPECT_FALSE((*by)->caregiver_id);
}

// The care log's idempotent PUT, through the use case, on each engine.
class CareLogConformance : public Conformance {
 protected:
  app::Caller MotherCaller(const UserRow& m) {
    app::Caller c;
    c.principal = auth::Principal{m.id, auth::Role::kMother, m.hospital_id};
    c.public_id = m.public_id;
    c.client_ip = "127.0.0.1";
    c.request_id = "t";
    return c;
  }
  FixedClock clock_{ParseRfc3339("2026-11-25T10:00:00+07:00")->utc_ms};
};

const char* kFeed = R"({"occurred_at": "2026-11-25T09:00:00+07:00", "segments": [
  {"type": "breast", "side": "left", "start": "2026-11-25T09:00:00+07:00", "end": "2026-11-25T09:10:00+07:00"}]})";

TEST_F(CareLogConformance, SamePutTenTimesStoresOneAndAnswersTheSame) {
  UserRow m = AddMother("g@x.org");
  app::Services services{db_.get(), &clock_, {}, nullptr, {}};
  app::CareLog log(services);
  const std::string id = NewUuid();
  std::optional<Json> first;
  for (int i = 0; i < 10; ++i) {
    clock_.Advance(1000);
    auto r = log.Put(MotherCaller(m), m.public_id, domain::RecordKind::kFeed, id,
                     Json::parse(kFeed), std::nullopt);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->created);
    if (!first) first = Json::parse(r->json);
    EXPECT_EQ(Json::parse(r->json), *first);
  }
  auto count = Read([&](Connection& c) { return records::CountLive(c, m.id); });
  EXPECT_EQ(*count, 1);
}

TEST_F(CareLogConformance, TwentyConcurrentIdenticalPutsStoreOne) {
  UserRow m = AddMother("h@x.org");
  app::Services services{db_.get(), &clock_, {}, nullptr, {}};
  app::CareLog log(services);
  const std::string id = NewUuid();
  std::atomic<int> created{0}, errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      auto r = log.Put(MotherCaller(m), m.public_id, domain::RecordKind::kFeed, id,
                       Json::parse(kFeed), std::nullopt);
      if (!r)
        ++errors;
      else if (r->created)
        ++created;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(created.load(), 20);  // every answer is the first one's
  EXPECT_EQ(*Read([&](Connection& c) { return records::CountLive(c, m.id); }), 1);
}

TEST_F(CareLogConformance, EditKeepsHistoryAndIfMatchGuardsIt) {
  UserRow m = AddMother("i@x.org");
  app::Services services{db_.get(), &clock_, {}, nullptr, {}};
  app::CareLog log(services);
  const std::string id = NewUuid();
  ASSERT_TRUE(log.Put(MotherCaller(m), m.public_id, domain::RecordKind::kFeed, id,
                      Json::parse(kFeed), std::nullopt));
  Json edited = Json::parse(kFeed);
  edited["note"] = "she fell asleep";
  auto stale = log.Put(MotherCaller(m), m.public_id, domain::RecordKind::kFeed, id, edited, 7);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  auto r = log.Put(MotherCaller(m), m.public_id, domain::RecordKind::kFeed, id, edited, 1);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->created);
  EXPECT_EQ(r->version, 2);
  EXPECT_EQ(Json::parse(r->json)["version"], 2);
  auto h = log.History(MotherCaller(m), m.public_id, domain::RecordKind::kFeed, id);
  ASSERT_TRUE(h);
  EXPECT_EQ((*h)["versions"].size(), 2u);
  EXPECT_FALSE((*h)["versions"][0].contains("note"));
  EXPECT_EQ((*h)["versions"][1]["note"], "she fell asleep");
}

TEST_F(CareLogConformance, SessionCacheHoldsOnlySessionsInUse) {
  app::Services services{db_.get(), &clock_, {}, nullptr, {}};
  app::Accounts accounts(services);
  auto h = accounts.AddHospital("hc", "Cache Hospital");
  ASSERT_TRUE(h);
  ASSERT_TRUE(
      accounts.AddUser("cache@x.org", "a long password 1", "M", auth::Role::kMother, h->id));
  std::vector<std::string> tokens;
  for (int i = 0; i < 3; ++i) {
    auto s = accounts.Login({{"email", "cache@x.org"}, {"password", "a long password 1"}}, {});
    ASSERT_TRUE(s) << s.error().message;
    tokens.push_back(s->token);
    ASSERT_TRUE(accounts.Authenticate(s->token, {}));
  }
  EXPECT_EQ(accounts.cached_sessions(), 3u);
  clock_.Advance(70'000);                             // past the cache TTL and the sweep interval
  ASSERT_TRUE(accounts.Authenticate(tokens[0], {}));  // still a valid session, reloaded
  EXPECT_EQ(accounts.cached_sessions(), 1u);
  EXPECT_FALSE(accounts.Authenticate("not a token", {}));
}

}  // namespace
}  // namespace tia::storage
