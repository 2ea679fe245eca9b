#pragma once
#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/platform/http/context.hpp"
#include "silian/platform/http/router.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/platform.hpp"

namespace silian::deliberation {
void register_topic_routes(http::Router& router);
void register_council_routes(http::Router& router);
void register_meeting_routes(http::Router& router);
void register_vote_routes(http::Router& router);
void register_decision_routes(http::Router& router);
void register_visit_routes(http::Router& router);

// Runs one service step in its own transaction: a refusal answers with its error page
// and changes nothing; success commits and redirects to `place(result)` with the notice.
template <typename Step, typename Place>
http::Response run_step(http::RequestContext& ctx, const std::string& notice, Step run,
                        Place place) {
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  Result r = run(lease);
  if (!r.ok()) return ctx.error(r.status, r.error);
  tx.commit();
  return ctx.redirect(place(r), notice);
}

// The page of what a step returned, e.g. page_of("/deliberation/votes/").
inline auto page_of(std::string prefix) {
  return [prefix](const Result& r) { return prefix + std::to_string(r.topic_id); };
}
}  // namespace silian::deliberation
