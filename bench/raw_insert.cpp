// silian-bench-raw-insert: the baseline for the submission figure. It writes, with the
// sqlite3 C API and statements prepared once, exactly the rows that one Open311
// submission of a "noise" appeal writes (POST /open311/v2/requests.json, see
// service/flow.cpp `submit`), one transaction per appeal, with the server's durability
// (WAL, synchronous=FULL, foreign keys on, BEGIN IMMEDIATE):
//
//   appeals          INSERT (provisional number) + UPDATE public_no
//   appeal_search    INSERT (the same bigram terms)
//   appeal_events    INSERT "submitted"
//   notifications    INSERT per street officer of the appeal's street, and the
//   jobs             INSERT of its delivery job
//   audit_entries    INSERT (hash-chained) + audit_head UPDATE, after reading the head
//
// What it leaves out is everything that is not a row: HTTP, form parsing, the API key,
// category and place look-ups, SOCI, building the answer. Terms are computed once per
// description text, since they depend on nothing else.
//
//   silian-bench-raw-insert --db sqlite:PATH [--count N] [--seconds S] [--connections C]
//                           [--descriptions FILE] [--community CODE]
#include <sqlite3.h>
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "silian/modules/appeals/domain/calendar.hpp"
#include "silian/modules/appeals/domain/rules.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/search/terms.hpp"

namespace {
class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db_));
    // The server's pragmas (platform/db/database.cpp configure_sqlite).
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    exec("PRAGMA busy_timeout=15000");
  }
  ~Db() { sqlite3_close_v2(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(std::string(sql) + ": " + message);
    }
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// One prepared statement, reset after each use.
class Stmt {
 public:
  Stmt(Db& db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v3(db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &st_, nullptr) !=
        SQLITE_OK)
      throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db.get()));
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
  }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& null(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
  }
  // Runs to completion; true when a row came back (read it before the next call).
  bool step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_.get()));
    return false;
  }
  void done() {
    while (step()) {
    }
    sqlite3_reset(st_);
  }
  std::int64_t int_at(int col) { return sqlite3_column_int64(st_, col); }
  std::string text_at(int col) {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
    return p ? p : "";
  }
  void reset() { sqlite3_reset(st_); }

 private:
  Db& db_;
  sqlite3_stmt* st_ = nullptr;
};

template <typename Arg>
std::int64_t one_int(Db& db, const char* sql, const Arg& arg) {
  Stmt st(db, sql);
  st.bind(1, arg);
  std::int64_t v = st.step() ? st.int_at(0) : 0;
  st.reset();
  return v;
}

struct Options {
  std::string db;
  std::int64_t count = 1000000000;
  double seconds = 0;
  int connections = 1;
  std::string descriptions;
  std::string community = "guangyi-jiayuan";
  std::string category = "noise";
};

// What every row of the run shares, read once.
struct Setup {
  std::vector<std::string> texts, terms;
  std::int64_t category = 0, community = 0, street = 0, api_key = 0;
  std::string place_path;
  std::vector<std::int64_t> officers;  // who hears of a new appeal to dispatch
};

Setup prepare(const Options& o) {
  Setup out;
  Db db(o.db.substr(7));
  if (!o.descriptions.empty()) {
    std::ifstream in(o.descriptions);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.texts.push_back(line);
  }
  if (out.texts.empty())
    out.texts.push_back("楼下饭店夜里十一点后还在装修，噪音很大，影响老人休息。");
  for (const auto& t : out.texts) {
    std::string joined;
    for (const auto& term : silian::search::document_terms(t))
      joined += (joined.empty() ? "" : " ") + term;
    out.terms.push_back(joined);
  }
  out.category = one_int(db, "SELECT id FROM appeal_categories WHERE code = ?", o.category);
  out.community = one_int(db, "SELECT id FROM org_units WHERE code = ?", o.community);
  if (!out.category || !out.community) throw std::runtime_error("category or community not found");
  out.street = one_int(db, "SELECT parent_id FROM org_units WHERE id = ?", out.community);
  {
    Stmt st(db, "SELECT path FROM org_units WHERE id = ?");
    st.bind(1, out.community);
    if (st.step()) out.place_path = st.text_at(0);
    st.reset();
  }
  {
    Stmt st(db, "SELECT COALESCE(MAX(id), 0) FROM api_keys WHERE revoked_at = 0");
    if (st.step()) out.api_key = st.int_at(0);
    st.reset();
  }
  // The street officers of the appeal's street (flow.cpp unit_staff).
  Stmt st(db,
          "SELECT DISTINCT r.account_id FROM role_assignments r JOIN org_units u ON u.id = "
          "r.unit_id JOIN accounts a ON a.id = r.account_id WHERE r.role = 'street_officer' "
          "AND a.status = 'active' AND u.path LIKE (SELECT path FROM org_units WHERE id = ?) "
          "|| '%'");
  st.bind(1, out.street);
  while (st.step()) out.officers.push_back(st.int_at(0));
  st.reset();
  return out;
}

// One connection inserting until the shared budget of rows or time runs out.
void insert_appeals(const Options& o, const Setup& x, std::atomic<std::int64_t>& next,
                    std::atomic<std::int64_t>& done,
                    const std::chrono::steady_clock::time_point& started) {
  Db db(o.db.substr(7));
  Stmt begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT");
  Stmt insert(db,
              "INSERT INTO appeals (public_no, token, category_id, channel, description, "
              "community_id, grid_id, place_path, address, lat, lng, resident_id, "
              "contact_name_sealed, contact_phone_sealed, anonymous, entered_by, api_key_id, "
              "route, status, desk_unit_id, lead_unit_id, month, received_at, updated_at) VALUES "
              "(?1, ?2, ?3, 'open311', ?4, ?5, NULL, ?6, '', NULL, NULL, NULL, '', '', 0, 0, ?7, "
              "'department', 'awaiting_dispatch', ?8, NULL, ?9, ?10, ?10) RETURNING id");
  Stmt number(db, "UPDATE appeals SET public_no = ?1 WHERE id = ?2");
  Stmt search(db, "INSERT INTO appeal_search (rowid, terms) VALUES (?1, ?2)");
  Stmt event(db,
             "INSERT INTO appeal_events (appeal_id, at, actor_id, unit_id, kind, public, body, "
             "detail) VALUES (?1, ?2, 0, NULL, 'submitted', 1, '', 'open311') RETURNING id");
  Stmt notify(db,
              "INSERT INTO notifications (account_id, at, message_key, params, link) VALUES (?1, "
              "?2, 'notify_appeal_to_dispatch', ?3, ?4) RETURNING id");
  Stmt job(db, "INSERT INTO jobs (kind, payload, run_at) VALUES ('notify.deliver', ?1, ?2)");
  Stmt head(db, "SELECT seq, hash FROM audit_head WHERE id = 1");
  Stmt audit(db,
             "INSERT INTO audit_entries (seq, at, actor_id, action, entity, entity_id, detail, "
             "prev_hash, hash) VALUES (?1, ?2, 0, 'appeals.submit', 'appeal', ?3, "
             "'channel=open311', ?4, ?5)");
  Stmt move_head(db, "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1");
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  for (std::int64_t n = next++; n < o.count && (o.seconds <= 0 || elapsed() < o.seconds);
       n = next++) {
    auto now = static_cast<std::int64_t>(std::time(nullptr));
    std::size_t variant = static_cast<std::size_t>(n) % x.texts.size();
    auto token = silian::crypto::random_token(18);
    begin.done();
    insert.bind(1, "pending-" + token)
        .bind(2, token)
        .bind(3, x.category)
        .bind(4, x.texts[variant])
        .bind(5, x.community)
        .bind(6, x.place_path)
        .bind(8, x.street)
        .bind(9, silian::appeals::local_month(now))
        .bind(10, now);
    if (x.api_key)
      insert.bind(7, x.api_key);
    else
      insert.null(7);
    insert.step();
    auto id = insert.int_at(0);
    insert.done();
    auto no = silian::appeals::public_number(id, now);
    number.bind(1, no).bind(2, id).done();
    search.bind(1, id).bind(2, x.terms[variant]).done();
    event.bind(1, id).bind(2, now).done();
    for (auto officer : x.officers) {
      notify.bind(1, officer)
          .bind(2, now)
          .bind(3, "{\"no\":\"" + no + "\"}")
          .bind(4, "/appeals/" + std::to_string(id));
      notify.step();
      auto nid = notify.int_at(0);
      notify.done();
      job.bind(1, "{\"account_id\":" + std::to_string(officer) +
                      ",\"notification_id\":" + std::to_string(nid) + "}")
          .bind(2, now)
          .done();
    }
    head.step();
    auto seq = head.int_at(0) + 1;
    auto prev = head.text_at(1);
    head.done();
    std::string canonical = prev + '\x1f' + std::to_string(seq) + '\x1f' + std::to_string(now) +
                            '\x1f' + "0" + '\x1f' + "appeals.submit" + '\x1f' + "appeal" + '\x1f' +
                            no + '\x1f' + "channel=open311";
    auto hash = silian::crypto::blake2b_hex(canonical);
    audit.bind(1, seq).bind(2, now).bind(3, no).bind(4, prev).bind(5, hash).done();
    move_head.bind(1, seq).bind(2, hash).done();
    commit.done();
    ++done;
  }
}

int run(const Options& o) {
  if (!o.db.starts_with("sqlite:")) throw std::invalid_argument("--db must be sqlite:PATH");
  auto setup = prepare(o);
  std::atomic<std::int64_t> next{0}, done{0};
  auto started = std::chrono::steady_clock::now();
  // Several connections contend for the write lock the way the server's pool does (each
  // waits in SQLite's busy handler); one connection is the uncontended baseline.
  std::vector<std::thread> writers;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  for (int i = 0; i < o.connections; ++i)
    writers.emplace_back([&] {
      try {
        insert_appeals(o, setup, next, done, started);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        failure = std::current_exception();
      }
    });
  for (auto& w : writers) w.join();
  if (failure) std::rethrow_exception(failure);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("raw inserts: %lld appeals in %.2f s on %d connection(s): %.1f inserts/s\n",
              static_cast<long long>(done.load()), seconds, o.connections,
              static_cast<double>(done.load()) / seconds);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  silian::crypto::init();
  CLI::App app{"Insert the rows of Open311 submissions straight into SQLite (benchmark baseline)"};
  Options o;
  app.add_option("--db", o.db, "sqlite:PATH of a migrated Silian database")->required();
  app.add_option("--count", o.count, "appeals to insert (default: until --seconds)");
  app.add_option("--seconds", o.seconds, "stop after this many seconds");
  app.add_option("--connections", o.connections, "connections inserting at once (default 1)")
      ->check(CLI::Range(1, 256));
  app.add_option("--descriptions", o.descriptions, "file of descriptions, one per line");
  app.add_option("--community", o.community, "community code (default guangyi-jiayuan)");
  app.add_option("--category", o.category, "category code (default noise)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (o.seconds <= 0 && o.count == 1000000000) o.count = 1000;
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "silian-bench-raw-insert: " << e.what() << "\n";
    return 2;
  }
}
