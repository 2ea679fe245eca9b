#pragma once
#include "silian/platform/http/context.hpp"
#include "silian/platform/http/router.hpp"
#include "silian/platform/http/url.hpp"

namespace silian::deliberation {
void register_topic_routes(http::Router& router);
void register_council_routes(http::Router& router);
void register_meeting_routes(http::Router& router);
void register_vote_routes(http::Router& router);
void register_decision_routes(http::Router& router);
void register_visit_routes(http::Router& router);
}  // namespace silian::deliberation
