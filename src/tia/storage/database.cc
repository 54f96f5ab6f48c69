#include "tia/storage/database.h"

#include <chrono>
#include <future>

#include "tia/base/log.h"
#include "tia/base/metrics.h"

namespace tia::storage {
namespace {

constexpr size_t kMaxGroup = 512;

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& url) {
  TIA_ASSIGN_OR_RETURN(auto writer, Connect(url));
  const Dialect dialect = writer->dialect();
  return std::unique_ptr<Database>(new Database(url, dialect, std::move(writer)));
}

Database::Database(std::string url, Dialect dialect, std::unique_ptr<Connection> writer)
    : url_(std::move(url)), dialect_(dialect), writer_(std::move(writer)) {
  if (dialect_ == Dialect::kSqlite) {
    // The WAL file is cut back to 64 MiB whenever it restarts, so a burst cannot leave it huge.
    (void)writer_->ExecScript("PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864");
    checkpoint_thread_ = std::thread([this] { CheckpointLoop(); });
  }
  writer_thread_ = std::thread([this] { WriterLoop(); });
}

Database::~Database() { Close(); }

void Database::Close() {
  {
    std::lock_guard lock(queue_mu_);
    closing_ = true;
  }
  queue_cv_.notify_all();
  checkpoint_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
}

void Database::CheckpointLoop() {
  constexpr auto kEvery = std::chrono::milliseconds(500);
  auto conn = Connect(url_);
  if (!conn) {
    log::Error("storage.checkpointer_unavailable", {{"message", conn.error().message}});
    return;
  }
  std::unique_lock lock(queue_mu_);
  while (!closing_) {
    checkpoint_cv_.wait_for(lock, kEvery, [this] { return closing_; });
    const bool last = closing_;
    lock.unlock();
    // PASSIVE never blocks the writer; it copies what no reader still needs. The last one, at
    // close, also empties the WAL file.
    (void)(*conn)->ExecScript(last ? "PRAGMA wal_checkpoint(TRUNCATE)"
                                   : "PRAGMA wal_checkpoint(PASSIVE)");
    lock.lock();
  }
}

Database::Stats Database::stats() const {
  std::lock_guard lock(queue_mu_);
  return stats_;
}

Result<Database::Lease> Database::Acquire() {
  {
    std::lock_guard lock(pool_mu_);
    if (!idle_.empty()) {
      Lease lease{std::move(idle_.back())};
      idle_.pop_back();
      return lease;
    }
  }
  TIA_ASSIGN_OR_RETURN(auto conn, Connect(url_));
  return Lease{std::move(conn)};
}

void Database::Release(std::unique_ptr<Connection> conn, bool healthy) {
  conn->Rollback();      // never hand on an open transaction
  if (!healthy) return;  // a connection that failed with "unavailable" may be broken; drop it
  std::lock_guard lock(pool_mu_);
  idle_.push_back(std::move(conn));
}

Result<void> Database::Write(WriteFn fn) {
  std::promise<Result<void>> promise;
  auto future = promise.get_future();
  WriteAsync(std::move(fn), [&promise](Result<void> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void Database::WriteAsync(WriteFn fn, DoneFn done) {
  std::unique_lock lock(queue_mu_);
  if (closing_) {  // refuse, outside the lock: `done` may write again
    lock.unlock();
    if (done) done(Fail(ErrorCode::kUnavailable, "the server is shutting down"));
    return;
  }
  queue_.push_back(Job{std::move(fn), std::move(done)});
  lock.unlock();
  queue_cv_.notify_one();
}

void Database::WriterLoop() {
  std::vector<Job> group;
  while (true) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing and drained
      while (!queue_.empty() && group.size() < kMaxGroup) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitGroup(group);
    group.clear();
  }
}

void Database::Complete(Job& job, Result<void> result) {
  if (!job.done) return;
  try {
    job.done(std::move(result));
  } catch (const std::exception& e) {
    log::Error("storage.completion_exception", {{"what", e.what()}});
  }
}

void Database::CommitGroup(std::vector<Job>& group) {
  std::vector<Result<void>> results(group.size());
  auto fail_all = [&](const Error& e) {
    for (auto& job : group) Complete(job, tl::unexpected(e));
  };
  const auto started = std::chrono::steady_clock::now();
  auto begin = writer_->BeginWrite();
  if (!begin) {
    // The connection may be gone (PostgreSQL restarted): reconnect once, then give up on this
    // group.
    writer_->Rollback();
    auto fresh = Connect(url_);
    if (fresh) {
      writer_ = std::move(*fresh);
      metrics::Count("tia_db_reconnects_total", {});
    }
    begin = fresh ? writer_->BeginWrite() : begin;
    if (!begin) {
      metrics::Count("tia_db_errors_total", {{"stage", "begin"}});
      return fail_all(begin.error());
    }
  }
  const bool isolate = group.size() > 1;
  for (size_t i = 0; i < group.size(); ++i) {
    if (isolate) {
      if (auto sp = writer_->Savepoint("SAVEPOINT w"); !sp) {
        results[i] = tl::unexpected(sp.error());
        continue;
      }
    }
    try {
      results[i] = group[i].fn(*writer_);
    } catch (const std::exception& e) {
      log::Error("storage.write_exception", {{"what", e.what()}});
      results[i] = Fail(ErrorCode::kInternal, "internal error");
    }
    if (isolate) {
      if (!results[i]) (void)writer_->Savepoint("ROLLBACK TO SAVEPOINT w");
      (void)writer_->Savepoint("RELEASE SAVEPOINT w");
    }
  }
  if (!isolate && !results[0]) {
    writer_->Rollback();
    Complete(group[0], std::move(results[0]));
    return;
  }
  if (auto commit = writer_->Commit(); !commit) {
    metrics::Count("tia_db_errors_total", {{"stage", "commit"}});
    writer_->Rollback();
    Error e = commit.error();
    e.code = ErrorCode::kUnavailable;
    e.message = "the write could not be made durable; nothing was saved";
    return fail_all(e);
  }
  metrics::Observe("tia_db_commit_batch_size", {}, static_cast<double>(group.size()));
  metrics::Observe(
      "tia_db_commit_seconds", {},
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  {
    std::lock_guard lock(queue_mu_);
    stats_.commits += 1;
    stats_.writes += group.size();
  }
  for (size_t i = 0; i < group.size(); ++i) Complete(group[i], std::move(results[i]));
}

}  // namespace tia::storage
