// The public record: a page anyone can read with the chain's verification, and the whole
// record as JSON so anyone can recompute the chain themselves (docs/public-record.md).
#include <nlohmann/json.hpp>

#include <mutex>
#include <optional>

#include "silian/platform/clock.hpp"
#include "silian/platform/core/route_groups.hpp"
#include "silian/platform/http/context.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/record/public_record.hpp"

namespace silian::core {
namespace {
using http::RequestContext;
using http::Response;

// Verifying hashes the whole chain, so a page view reuses a recent result while the head
// is unchanged (at most a minute old); `silian audit verify` always checks in full.
record::Verification verified(db::Lease& lease, std::int64_t now) {
  static std::mutex mutex;
  static std::optional<std::pair<std::int64_t, record::Verification>> last;
  long long head = 0;
  lease.session() << "SELECT seq FROM public_record_head WHERE id = 1", soci::into(head);
  {
    std::lock_guard lock(mutex);
    if (last && now - last->first < 60 && last->second.entries == head && last->second.ok)
      return last->second;
  }
  auto v = record::verify(lease);
  std::lock_guard lock(mutex);
  last = std::pair(now, v);
  return v;
}

Response page(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto check = verified(lease, ctx.platform.clock.now());
  constexpr int per_page = 50;
  int page = std::min(ctx.page_number(), 10000);
  auto rows = views::Value::list();
  auto found = record::entries(lease, per_page + 1, (page - 1) * per_page);
  bool more = found.size() > per_page;
  if (more) found.pop_back();
  for (const auto& e : found)
    rows.push(views::Value{{"seq", e.seq},
                           {"at", format_local_minutes(e.at)},
                           {"kind", ctx.t("record_kind_" + e.kind)},
                           {"title", ctx.script(e.title)},
                           {"body", ctx.script(e.body)},
                           {"hash", e.hash}});
  views::Value data{{"rows", rows},
                    {"empty", found.empty()},
                    {"ok", check.ok},
                    {"entries", check.entries},
                    {"head", check.head_hash.empty() ? "-" : check.head_hash},
                    {"reason", check.reason}};
  if (page > 1) data.set("prev_page", std::to_string(page - 1));
  if (more) data.set("next_page", std::to_string(page + 1));
  return ctx.page("src/platform/views/record.mustache", "record_title", data);
}

Response json(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto out = nlohmann::json::array();
  for (const auto& e : record::all_entries(lease))
    out.push_back({{"seq", e.seq},
                   {"at", e.at},
                   {"kind", e.kind},
                   {"ref", e.ref},
                   {"title", e.title},
                   {"body", e.body},
                   {"prev_hash", e.prev_hash},
                   {"hash", e.hash}});
  return Response::text(200, nlohmann::json{{"algorithm", "blake2b-256"}, {"entries", out}}.dump(),
                        "application/json; charset=utf-8");
}
}  // namespace

void register_record_routes(http::Router& router) {
  router.get("/record", "public", page);
  router.get("/record.json", "public", json);
}
}  // namespace silian::core
