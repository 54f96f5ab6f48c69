// tia/storage/database.h — a database: pooled reader connections and one group-committing writer.
//
// Reads run on a pooled connection on the caller's thread. Writes are handed to the single writer
// thread, which gathers every write waiting at that moment into one transaction, runs each in its
// own savepoint (so one failure does not undo the others), commits once, and only then wakes the
// callers. With synchronous=FULL that is one durable sync for the whole group: throughput comes
// from batching, never from a weaker sync. A caller's Write() returns only after its commit is
// durable, or with an error meaning nothing of it was stored.
//
// Thread-safe.
//
//   auto db = Database::Open("sqlite:tia.db");
//   TIA_TRY((*db)->Write([&](Connection& c) { return records::Replace(c, current, next); }));
//   auto rows = (*db)->Read([&](Connection& c) { return c.Query("SELECT 1"); });
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tia/storage/connection.h"

namespace tia::storage {

class Database {
 public:
  using WriteFn = std::function<Result<void>(Connection&)>;
  using DoneFn = std::function<void(Result<void>)>;

  // Opens the database and starts its writer. Does not migrate.
  static Result<std::unique_ptr<Database>> Open(const std::string& url);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  const std::string& url() const { return url_; }

  // Runs `fn` on a pooled connection. `fn` returns a Result.
  template <class F>
  auto Read(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
    auto lease = Acquire();
    if (!lease) return tl::unexpected(lease.error());
    auto result = fn(*lease->conn);
    Release(std::move(lease->conn),
            static_cast<bool>(result) || result.error().code != ErrorCode::kUnavailable);
    return result;
  }

  // Runs `fn` in the next group commit and blocks until that commit is durable.
  Result<void> Write(WriteFn fn);
  // The same without blocking: `done` (may be empty) runs on the writer thread once the commit is
  // durable, or with the error that means nothing of `fn` was stored. Keep `done` short.
  void WriteAsync(WriteFn fn, DoneFn done);

  // Stops accepting writes and finishes those queued. Idempotent.
  void Close();

  // Writes committed and groups formed since start (for the benchmark report).
  struct Stats {
    uint64_t writes = 0;
    uint64_t commits = 0;
  };
  Stats stats() const;

 private:
  struct Lease {
    std::unique_ptr<Connection> conn;
  };
  struct Job {
    WriteFn fn;
    DoneFn done;
  };

  Database(std::string url, Dialect dialect, std::unique_ptr<Connection> writer);
  Result<Lease> Acquire();
  void Release(std::unique_ptr<Connection> conn, bool healthy);
  void WriterLoop();
  void CommitGroup(std::vector<Job>& group);
  static void Complete(Job& job, Result<void> result);

  const std::string url_;
  const Dialect dialect_;

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> idle_;

  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<Job> queue_;
  bool closing_ = false;
  Stats stats_;
  std::unique_ptr<Connection> writer_;
  std::thread writer_thread_;
  // SQLite: the writer does not checkpoint (wal_autocheckpoint=0); this thread copies the WAL
  // back into the database file on its own connection, so commits never wait for it.
  void CheckpointLoop();
  std::thread checkpoint_thread_;
  std::condition_variable checkpoint_cv_;
};

}  // namespace tia::storage
