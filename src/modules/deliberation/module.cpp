#include "silian/modules/deliberation/module.hpp"

#include "silian/modules/deliberation/http/route_groups.hpp"
#include "silian/modules/deliberation/seed/demo_seed.hpp"

namespace silian::deliberation {
Module deliberation_module() {
  Module m;
  m.name = "deliberation";
  m.migrations = "src/modules/deliberation/migrations/";
  m.tables = {"councils",
              "council_members",
              "voting_rules",
              "topics",
              "topic_cosignatures",
              "topic_events",
              "meetings",
              "meeting_items",
              "meeting_invitations",
              "meeting_attendance",
              "topic_comments",
              "votes",
              "ballots",
              "decisions",
              "decision_tasks",
              "task_reports",
              "supervision_reviews",
              "decision_ratings",
              "official_requests",
              "leader_visits",
              "property_parts",
              "vote_electors",
              "group_representatives"};
  m.permissions = {
      {"deliberation.propose", {"resident"}},
      {"deliberation.raise", {"community_director", "council_member", "street_officer"}},
      {"deliberation.from_appeal", {"community_worker", "community_director", "council_member"}},
      {"deliberation.councils", {"community_director", "district_admin"}},
      {"deliberation.convene", {"community_director", "council_member"}},
      {"deliberation.moderate", {"community_worker", "community_director", "council_member"}},
      {"deliberation.visit", {"leader", "street_officer"}},
  };
  m.routes = [](http::Router& r) {
    register_topic_routes(r);
    register_council_routes(r);
    register_meeting_routes(r);
    register_vote_routes(r);
    register_decision_routes(r);
    register_visit_routes(r);
  };
  m.nav = {{"nav_topics", "/deliberation", "public"},
           {"nav_councils", "/deliberation/councils", "deliberation.councils"}};
  m.seed = seed_demo;
  return m;
}
}  // namespace silian::deliberation
