// Every registered route against every role (and no sign-in). The expectations below
// are the product's access policy written out by hand: a new route that is not listed
// here, or a route whose permission drifts from the policy, fails this test.
#include <set>

#include "silian/platform/auth/roles.hpp"
#include "support/engine_param.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {
const std::set<std::string> k_everyone = {
    "resident",       "grid_worker",       "community_worker", "community_director",
    "council_member", "supervisor",        "street_officer",   "department_officer",
    "leader",         "social_org_member", "social_worker",    "volunteer",
    "evaluator",      "district_admin",    "auditor"};
const std::set<std::string> k_admin = {"district_admin"};
const std::set<std::string> k_appeal_handlers = {
    "community_worker",   "community_director", "grid_worker", "street_officer",
    "department_officer", "district_admin",     "leader"};
const std::set<std::string> k_appeal_intake = {"community_worker", "community_director",
                                               "grid_worker", "street_officer"};
const std::set<std::string> k_dispatchers = {"street_officer", "district_admin"};
const std::set<std::string> k_topic_raisers = {"community_director", "council_member",
                                               "street_officer"};
const std::set<std::string> k_community_staff = {"community_worker", "community_director",
                                                 "council_member"};
const std::set<std::string> k_council_keepers = {"community_director", "district_admin"};
const std::set<std::string> k_conveners = {"community_director", "council_member"};

struct Expectation {
  std::string sample;           // a concrete URL for the pattern
  bool anonymous = false;       // reachable without signing in
  std::set<std::string> roles;  // signed-in roles that may use it
};

// method + pattern -> expectation
std::map<std::string, Expectation> policy() {
  return {
      {"GET /", {"/", true, k_everyone}},
      {"GET /login", {"/login", true, k_everyone}},
      {"POST /login", {"/login", true, k_everyone}},
      {"POST /logout", {"/logout", false, k_everyone}},
      {"GET /prefs", {"/prefs?lang=en", true, k_everyone}},
      {"GET /healthz", {"/healthz", true, k_everyone}},
      {"GET /metrics", {"/metrics", true, k_everyone}},
      {"GET /static/{file}", {"/static/app.css", true, k_everyone}},
      {"GET /api/v1/openapi.json", {"/api/v1/openapi.json", true, k_everyone}},
      {"GET /api/v1/me", {"/api/v1/me", false, k_everyone}},
      {"GET /workbench", {"/workbench", false, k_everyone}},
      {"GET /inbox", {"/inbox", false, k_everyone}},
      {"POST /inbox/{id}/read", {"/inbox/999/read", false, k_everyone}},
      {"GET /audit", {"/audit", false, {"auditor", "district_admin"}}},
      {"GET /exports/{module}/{name}",
       {"/exports/org/units", false, {"district_admin", "auditor", "leader"}}},
      {"GET /register", {"/register", true, k_everyone}},
      {"POST /register", {"/register", true, k_everyone}},
      {"GET /my/household", {"/my/household", false, k_everyone}},
      {"GET /me/password", {"/me/password", false, k_everyone}},
      {"POST /me/password", {"/me/password", false, k_everyone}},
      {"GET /admin/units", {"/admin/units", false, k_admin}},
      {"POST /admin/units", {"/admin/units", false, k_admin}},
      {"GET /admin/units/{id}", {"/admin/units/1", false, k_admin}},
      {"POST /admin/units/{id}", {"/admin/units/1", false, k_admin}},
      {"GET /admin/accounts", {"/admin/accounts", false, k_admin}},
      {"GET /admin/accounts/new", {"/admin/accounts/new", false, k_admin}},
      {"POST /admin/accounts", {"/admin/accounts", false, k_admin}},
      {"GET /admin/accounts/{id}", {"/admin/accounts/1", false, k_admin}},
      {"POST /admin/accounts/{id}/roles", {"/admin/accounts/1/roles", false, k_admin}},
      {"POST /admin/accounts/{id}/roles/{rid}/revoke",
       {"/admin/accounts/1/roles/999/revoke", false, k_admin}},
      {"POST /admin/accounts/{id}/status", {"/admin/accounts/1/status", false, k_admin}},
      {"GET /community/registrations",
       {"/community/registrations", false, {"community_worker", "community_director"}}},
      {"POST /community/registrations/{id}/verify",
       {"/community/registrations/999/verify", false, {"community_worker", "community_director"}}},
      {"POST /community/registrations/{id}/reject",
       {"/community/registrations/999/reject", false, {"community_worker", "community_director"}}},
      {"GET /community/households",
       {"/community/households",
        false,
        {"community_worker", "community_director", "grid_worker", "street_officer",
         "district_admin"}}},
      // C1: the two lists, admission control, the burden catalogue
      {"GET /lists", {"/lists", true, k_everyone}},
      {"GET /lists/{kind}", {"/lists/duty", true, k_everyone}},
      {"GET /lists/{kind}/v/{number}", {"/lists/duty/v/1", true, k_everyone}},
      {"GET /lists/{kind}/diff", {"/lists/duty/diff?from=1&to=1", true, k_everyone}},
      {"GET /burden", {"/burden", true, k_everyone}},
      {"GET /admin/lists/{kind}", {"/admin/lists/duty", false, k_admin}},
      {"POST /admin/lists/{kind}/draft", {"/admin/lists/duty/draft", false, k_admin}},
      {"POST /admin/lists/{kind}/draft/items", {"/admin/lists/duty/draft/items", false, k_admin}},
      {"POST /admin/lists/{kind}/draft/items/{code}/delete",
       {"/admin/lists/duty/draft/items/X/delete", false, k_admin}},
      {"POST /admin/lists/{kind}/draft/publish",
       {"/admin/lists/duty/draft/publish", false, k_admin}},
      {"POST /admin/burden", {"/admin/burden", false, k_admin}},
      {"POST /admin/burden/{id}", {"/admin/burden/999", false, k_admin}},
      {"GET /tasks", {"/tasks", false, {"department_officer", "street_officer", "district_admin"}}},
      {"GET /tasks/new", {"/tasks/new", false, {"department_officer"}}},
      {"POST /tasks", {"/tasks", false, {"department_officer"}}},
      {"GET /tasks/{id}",
       {"/tasks/999", false, {"department_officer", "street_officer", "district_admin"}}},
      {"POST /tasks/{id}/approve",
       {"/tasks/999/approve", false, {"street_officer", "district_admin"}}},
      {"POST /tasks/{id}/reject",
       {"/tasks/999/reject", false, {"street_officer", "district_admin"}}},
      {"GET /community/tasks",
       {"/community/tasks", false, {"community_worker", "community_director", "grid_worker"}}},
      {"GET /community/burden-reports",
       {"/community/burden-reports", false, {"community_worker", "community_director"}}},
      {"POST /community/burden-reports",
       {"/community/burden-reports", false, {"community_worker", "community_director"}}},
      {"GET /admin/burden-reports", {"/admin/burden-reports", false, k_admin}},
      {"POST /admin/burden-reports/{id}/answer",
       {"/admin/burden-reports/999/answer", false, k_admin}},
      // C2: appeals
      {"GET /appeals/new", {"/appeals/new", false, {"resident"}}},
      {"POST /appeals", {"/appeals", false, {"resident"}}},
      {"GET /my/appeals", {"/my/appeals", false, {"resident"}}},
      {"GET /my/appeals/{id}", {"/my/appeals/999", false, {"resident"}}},
      {"POST /my/appeals/{id}/rate", {"/my/appeals/999/rate", false, {"resident"}}},
      {"GET /qr/{code}", {"/qr/no-such-point", true, k_everyone}},
      {"GET /appeals/{id}/files/{upload}", {"/appeals/999/files/1", false, k_everyone}},
      {"GET /appeals/intake", {"/appeals/intake", false, k_appeal_intake}},
      {"POST /appeals/intake", {"/appeals/intake", false, k_appeal_intake}},
      {"GET /appeals", {"/appeals", false, k_appeal_handlers}},
      {"GET /appeals/{id}", {"/appeals/999", false, k_appeal_handlers}},
      {"POST /appeals/{id}/dispatch", {"/appeals/999/dispatch", false, k_dispatchers}},
      {"POST /appeals/{id}/return", {"/appeals/999/return", false, k_appeal_handlers}},
      {"POST /appeals/{id}/respond", {"/appeals/999/respond", false, k_appeal_handlers}},
      {"POST /appeals/{id}/note", {"/appeals/999/note", false, k_appeal_handlers}},
      {"POST /appeals/{id}/reply", {"/appeals/999/reply", false, k_appeal_handlers}},
      {"POST /appeals/{id}/extend", {"/appeals/999/extend", false, k_appeal_handlers}},
      {"POST /appeals/{id}/visit", {"/appeals/999/visit", false, k_appeal_handlers}},
      {"POST /appeals/{id}/review", {"/appeals/999/review", false, k_admin}},
      {"POST /appeals/{id}/group", {"/appeals/999/group", false, k_appeal_handlers}},
      {"GET /kpi/appeals", {"/kpi/appeals", false, k_appeal_handlers}},
      {"POST /kpi/appeals/weights", {"/kpi/appeals/weights", false, k_admin}},
      {"GET /board", {"/board", true, k_everyone}},
      {"GET /admin/appeals", {"/admin/appeals", false, k_admin}},
      {"POST /admin/appeals/categories/{id}", {"/admin/appeals/categories/999", false, k_admin}},
      {"POST /admin/appeals/calendar", {"/admin/appeals/calendar", false, k_admin}},
      {"POST /admin/appeals/calendar/remove", {"/admin/appeals/calendar/remove", false, k_admin}},
      {"POST /admin/appeals/points", {"/admin/appeals/points", false, k_admin}},
      {"GET /admin/appeals/points/{code}/qr.svg",
       {"/admin/appeals/points/none/qr.svg", false, k_admin}},
      {"POST /admin/appeals/apikeys", {"/admin/appeals/apikeys", false, k_admin}},
      {"POST /admin/appeals/apikeys/{id}/revoke",
       {"/admin/appeals/apikeys/999/revoke", false, k_admin}},
      // Open311 is public; writing needs an api_key, not a session.
      {"GET /open311/v2/{file}", {"/open311/v2/services.json", true, k_everyone}},
      {"POST /open311/v2/{file}", {"/open311/v2/unknown.json", true, k_everyone}},
      {"GET /open311/v2/services/{file}", {"/open311/v2/services/none.json", true, k_everyone}},
      {"GET /open311/v2/requests/{file}", {"/open311/v2/requests/none.json", true, k_everyone}},
      {"GET /open311/v2/tokens/{file}", {"/open311/v2/tokens/none.json", true, k_everyone}},
      // C4: topics are public; residents propose and co-sign; the council, the community
      // and the street raise topics; the director (or the district) keeps the councils.
      {"GET /deliberation", {"/deliberation", true, k_everyone}},
      {"GET /deliberation/topics/{id}", {"/deliberation/topics/999", true, k_everyone}},
      {"GET /deliberation/propose", {"/deliberation/propose", false, {"resident"}}},
      {"POST /deliberation/propose", {"/deliberation/propose", false, {"resident"}}},
      {"POST /deliberation/topics/{id}/cosign",
       {"/deliberation/topics/999/cosign", false, {"resident"}}},
      {"GET /deliberation/raise", {"/deliberation/raise", false, k_topic_raisers}},
      {"POST /deliberation/raise", {"/deliberation/raise", false, k_topic_raisers}},
      {"GET /deliberation/from-appeal/{id}",
       {"/deliberation/from-appeal/999", false, k_community_staff}},
      {"POST /deliberation/from-appeal/{id}",
       {"/deliberation/from-appeal/999", false, k_community_staff}},
      {"GET /deliberation/councils", {"/deliberation/councils", false, k_council_keepers}},
      {"POST /deliberation/councils", {"/deliberation/councils", false, k_council_keepers}},
      {"POST /deliberation/representatives",
       {"/deliberation/representatives", false, k_council_keepers}},
      {"POST /deliberation/representatives/{id}/remove",
       {"/deliberation/representatives/999/remove", false, k_council_keepers}},
      {"GET /deliberation/communities/{id}", {"/deliberation/communities/999", true, k_everyone}},
      {"POST /deliberation/councils/register",
       {"/deliberation/councils/register", false, k_council_keepers}},
      {"POST /deliberation/councils/{id}/members",
       {"/deliberation/councils/999/members", false, k_council_keepers}},
      {"POST /deliberation/councils/{id}/members/{mid}/remove",
       {"/deliberation/councils/999/members/9/remove", false, k_council_keepers}},
      {"POST /deliberation/topics/{id}/comments",
       {"/deliberation/topics/999/comments", false, k_everyone}},
      {"POST /deliberation/comments/{id}/hide",
       {"/deliberation/comments/999/hide", false, k_community_staff}},
      // Meetings are public once noticed; the council convenes them; invitees reply.
      {"GET /deliberation/meetings", {"/deliberation/meetings", true, k_everyone}},
      {"GET /deliberation/meetings.ics", {"/deliberation/meetings.ics", true, k_everyone}},
      {"GET /deliberation/meetings/new", {"/deliberation/meetings/new", false, k_conveners}},
      {"POST /deliberation/meetings/new", {"/deliberation/meetings/new", false, k_conveners}},
      {"GET /deliberation/meetings/{id}", {"/deliberation/meetings/999", true, k_everyone}},
      {"POST /deliberation/meetings/{id}/agenda",
       {"/deliberation/meetings/999/agenda", false, k_conveners}},
      {"POST /deliberation/meetings/{id}/notice",
       {"/deliberation/meetings/999/notice", false, k_conveners}},
      {"POST /deliberation/meetings/{id}/invitations",
       {"/deliberation/meetings/999/invitations", false, k_conveners}},
      {"POST /deliberation/meetings/{id}/attendance",
       {"/deliberation/meetings/999/attendance", false, k_conveners}},
      {"POST /deliberation/meetings/{id}/minutes",
       {"/deliberation/meetings/999/minutes", false, k_conveners}},
      {"POST /deliberation/invitations/{id}/reply",
       {"/deliberation/invitations/999/reply", false, k_everyone}},
      // Votes: opened and closed by the conveners, public, ballots from eligible voters.
      {"POST /deliberation/meetings/{id}/votes",
       {"/deliberation/meetings/999/votes", false, k_conveners}},
      {"GET /deliberation/votes/{id}", {"/deliberation/votes/999", true, k_everyone}},
      {"POST /deliberation/votes/{id}/ballot",
       {"/deliberation/votes/999/ballot", false, k_everyone}},
      {"POST /deliberation/votes/{id}/written",
       {"/deliberation/votes/999/written", false, k_conveners}},
      {"POST /deliberation/votes/{id}/close",
       {"/deliberation/votes/999/close", false, k_conveners}},
      // Execution and supervision: tasks by the conveners; reports by task owners and
      // reviews by the supervisory committee (checked per decision); ratings by residents.
      {"GET /deliberation/decisions/{id}", {"/deliberation/decisions/999", true, k_everyone}},
      {"POST /deliberation/decisions/{id}/tasks",
       {"/deliberation/decisions/999/tasks", false, k_conveners}},
      {"POST /deliberation/tasks/{id}/reports",
       {"/deliberation/tasks/999/reports", false, k_everyone}},
      {"POST /deliberation/decisions/{id}/review",
       {"/deliberation/decisions/999/review", false, k_everyone}},
      {"POST /deliberation/decisions/{id}/rating",
       {"/deliberation/decisions/999/rating", false, {"resident"}}},
      // The public calendar; residents invite officials (约请), who answer; leaders visit.
      {"GET /deliberation/calendar", {"/deliberation/calendar", true, k_everyone}},
      {"GET /deliberation/requests", {"/deliberation/requests", false, k_everyone}},
      {"GET /deliberation/requests/new", {"/deliberation/requests/new", false, {"resident"}}},
      {"POST /deliberation/requests/new", {"/deliberation/requests/new", false, {"resident"}}},
      {"POST /deliberation/requests/{id}/answer",
       {"/deliberation/requests/999/answer", false, k_everyone}},
      {"POST /deliberation/requests/{id}/outcome",
       {"/deliberation/requests/999/outcome", false, k_everyone}},
      {"GET /deliberation/visits/new",
       {"/deliberation/visits/new", false, {"leader", "street_officer"}}},
      {"POST /deliberation/visits/new",
       {"/deliberation/visits/new", false, {"leader", "street_officer"}}},
      {"POST /deliberation/visits/{id}/outcome",
       {"/deliberation/visits/999/outcome", false, {"leader", "street_officer"}}},
      // The public record and its JSON copy are for anyone.
      {"GET /record", {"/record", true, k_everyone}},
      {"GET /record.json", {"/record.json", true, k_everyone}},
  };
}

class RouteAuthorization : public test::OnEachEngine {};

bool denied(const http::Response& r) { return r.status == 403 || r.status == 401; }
// Pages send anonymous users to the sign-in form; the JSON API answers 401.
bool sent_to_login(const http::Response& r) {
  return (r.status == 303 && r.header("Location").starts_with("/login")) ||
         (r.status == 401 && r.content_type.starts_with("application/json"));
}
}  // namespace

TEST_P(RouteAuthorization, EveryRouteIsInThePolicyAndEnforcesIt) {
  TestPlatform tp(GetParam());
  test::add_minimal_tree(*tp);
  auto expected = policy();
  std::set<std::string> seen;
  // Each role is held at the first unit of the minimal tree where it fits (the district
  // for district-wide roles, the street for street officers, the department, the
  // community...), so that handlers find the scope they expect.
  std::map<std::string, std::unique_ptr<Client>> clients;
  const std::vector<std::pair<std::string, std::string>> units = {
      {"d", "district"},  {"s", "street"}, {"dep", "department"},
      {"c", "community"}, {"g", "grid"},   {"so", "social_organization"}};
  for (auto role : auth::k_roles) {
    std::string r(role);
    std::string code;
    for (const auto& [unit_code, kind] : units)
      if (code.empty() && auth::role_fits_unit(r, kind)) code = unit_code;
    ASSERT_FALSE(code.empty()) << r;
    test::add_account(*tp, "u_" + r, r, code);
    clients[r] = std::make_unique<Client>(*tp);
    ASSERT_TRUE(clients[r]->login("u_" + r, "password-123")) << r;
  }
  for (const auto& route : tp->router.routes()) {
    std::string key = route.method + " " + route.pattern;
    seen.insert(key);
    ASSERT_TRUE(expected.contains(key)) << "route without an access policy in this test: " << key;
    ASSERT_TRUE(tp->permissions.known(route.permission))
        << key << " names an undeclared permission";
    const auto& e = expected[key];
    auto call = [&](Client& c) {
      if (route.method == "GET") return c.get(e.sample);
      return c.post(e.sample, {});
    };
    Client anonymous(*tp);
    auto r = call(anonymous);
    if (e.anonymous) {
      EXPECT_FALSE(denied(r) || sent_to_login(r))
          << key << " should be open without sign-in, got " << r.status;
    } else {
      EXPECT_TRUE(sent_to_login(r))
          << key << " must send anonymous users to sign in, got " << r.status;
    }
    for (auto role : auth::k_roles) {
      std::string name(role);
      auto resp = call(*clients[name]);
      if (e.roles.contains(name)) {
        EXPECT_FALSE(denied(resp))
            << key << " should be allowed for " << name << ", got " << resp.status;
        EXPECT_NE(resp.status, 500) << key << " failed for " << name;
      } else {
        EXPECT_EQ(resp.status, 403)
            << key << " should be forbidden for " << name << ", got " << resp.status;
      }
      if (key == "POST /logout") clients[name]->login("u_" + name, "password-123");
    }
  }
  for (const auto& [key, e] : expected)
    EXPECT_TRUE(seen.contains(key)) << "policy lists a route that is gone: " << key;
}

SILIAN_ON_BOTH_ENGINES(RouteAuthorization);
