// The consultation council (协商议事委员会) and the supervisory committee (社区事务监督委员会)
// of a community: name, term, rules, the households a residents' proposal needs, and
// members with their terms. Kept by the community's director (or the district).
#include <algorithm>

#include "silian/modules/deliberation/http/route_groups.hpp"
#include "silian/modules/deliberation/service/property_register.hpp"
#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/modules/deliberation/storage/property_store.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/search/terms.hpp"
#include "silian/platform/views/markdown.hpp"

namespace silian::deliberation {
namespace {
using http::RequestContext;
using http::Response;

const std::vector<std::string> k_kinds = {"consultation", "supervisory"};
const std::vector<std::string> k_positions = {"chair", "vice_chair", "member"};
const std::vector<std::string> k_sectors = {"resident", "party",      "property", "owners",
                                            "unit",     "social_org", "expert",   "other"};

bool one_of(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// The communities this user keeps councils for.
std::vector<org::OrgUnit> communities_kept(RequestContext& ctx, db::Lease& lease) {
  std::vector<org::OrgUnit> out;
  for (const auto& u : org::units_of_kind(lease, "community"))
    if (u.active && may_manage_councils(ctx.user(), u.path)) out.push_back(u);
  return out;
}

// A refused form comes back with what was typed, and its error beside it: `form` is
// "council:<kind>" or "member:<council id>".
struct Refused {
  std::string form, error;
};

views::Value choices(RequestContext& ctx, const std::vector<std::string>& codes,
                     const std::string& prefix, const std::string& chosen) {
  auto out = views::Value::list();
  for (const auto& c : codes)
    out.push(views::Value{{"code", c}, {"label", ctx.t(prefix + c)}, {"selected", c == chosen}});
  return out;
}

Response page(RequestContext& ctx, std::int64_t community_id, int status = 200,
              const Refused& refused = {}, const std::string& line = "") {
  auto lease = ctx.platform.db->lease();
  auto kept = communities_kept(ctx, lease);
  if (kept.empty()) return ctx.error(403, "error_forbidden");
  const org::OrgUnit* chosen = &kept.front();
  for (const auto& u : kept)
    if (u.id == community_id) chosen = &u;
  auto communities = views::Value::list();
  for (const auto& u : kept)
    communities.push(
        views::Value{{"id", u.id}, {"name", ctx.script(u.name)}, {"selected", &u == chosen}});
  auto bodies = views::Value::list();
  for (const auto& kind : k_kinds) {
    auto c = council_of(lease, chosen->id, kind);
    views::Value body{{"kind", kind},
                      {"label", ctx.t("council_kind_" + kind)},
                      {"consultation", kind == "consultation"},
                      {"exists", c.has_value()}};
    bool council_refused = refused.form == "council:" + kind;
    if (council_refused) body.set("council_error", ctx.t(refused.error));
    if (c) {
      body.set("id", c->id);
      body.set("name", council_refused ? ctx.form("name") : c->name);
      body.set("rules", council_refused ? ctx.form("rules") : c->rules);
      body.set("term_start", council_refused ? ctx.form("term_start") : c->term_start);
      body.set("term_end", council_refused ? ctx.form("term_end") : c->term_end);
      if (council_refused) {
        body.set("threshold", ctx.form("threshold"));
        body.set("notice_days", ctx.form("notice_days"));
      } else {
        body.set("threshold", c->proposal_threshold);
        body.set("notice_days", c->notice_days);
      }
      auto members = views::Value::list();
      for (const auto& m : members_of(lease, c->id))
        members.push(views::Value{{"id", m.id},
                                  {"name", ctx.script(m.name)},
                                  {"position", ctx.t("council_position_" + m.position)},
                                  {"sector", ctx.t("council_sector_" + m.sector)},
                                  {"term", m.term_start + " – " + m.term_end},
                                  {"council", c->id}});
      body.set("members", members);
      bool member_refused = refused.form == "member:" + std::to_string(c->id);
      auto typed = [&](const char* field, const std::string& otherwise) {
        return member_refused ? ctx.form(field) : otherwise;
      };
      body.set("m_name", typed("name", ""));
      body.set("m_username", typed("username", ""));
      body.set("m_start", typed("term_start", c->term_start));
      body.set("m_end", typed("term_end", c->term_end));
      if (member_refused) body.set("member_error", ctx.t(refused.error));
      body.set("positions", choices(ctx, k_positions, "council_position_", typed("position", "")));
      body.set("sectors", choices(ctx, k_sectors, "council_sector_", typed("sector", "")));
    } else {
      body.set("name", council_refused
                           ? ctx.form("name")
                           : ctx.script(chosen->name) + ctx.t("council_default_name_" + kind));
      body.set("notice_days", council_refused ? ctx.form("notice_days") : std::string("3"));
      if (council_refused) {
        body.set("rules", ctx.form("rules"));
        body.set("term_start", ctx.form("term_start"));
        body.set("term_end", ctx.form("term_end"));
        body.set("threshold", ctx.form("threshold"));
      }
    }
    bodies.push(body);
  }
  std::vector<ExclusivePart> parts;
  for (const auto& r : register_of(lease, chosen->id)) parts.push_back(r.part);
  auto electorate = owners_electorate(owners_of(parts));
  views::Value property{{"parts", static_cast<std::int64_t>(parts.size())},
                        {"owners", electorate.heads},
                        {"area", format_area(electorate.area)}};
  if (refused.form == "register") {
    property.set("register_error", ctx.tf(refused.error, {{"line", line}}));
    property.set("typed", ctx.form("register"));
  }
  auto reps = views::Value::list();
  for (const auto& r : representatives(lease, chosen->id))
    reps.push(views::Value{
        {"id", r.resident_id}, {"name", ctx.script(r.name)}, {"group", ctx.script(r.group_name)}});
  views::Value representation{{"list", reps}};
  if (refused.form == "representative") representation.set("rep_error", ctx.t(refused.error));
  views::Value data{
      {"property", property},       {"representation", representation},
      {"communities", communities}, {"community_id", chosen->id},
      {"councils", bodies},         {"households", org::count_households(lease, chosen->id)}};
  if (!refused.error.empty()) data.set("error", ctx.tf(refused.error, {{"line", line}}));
  return ctx.page("src/modules/deliberation/views/councils.mustache", "councils_title", data,
                  status);
}

bool valid_term(const std::string& start, const std::string& end) {
  return valid_date(start) && valid_date(end) && start < end;
}

std::optional<org::OrgUnit> kept_community(RequestContext& ctx, db::Lease& lease, std::int64_t id) {
  auto u = org::find_unit(lease, id);
  if (!u || u->kind != "community" || !may_manage_councils(ctx.user(), u->path))
    return std::nullopt;
  return u;
}

Response save_council(RequestContext& ctx) {
  auto community_id = ctx.id_form("community").value_or(0);
  auto kind = ctx.form("kind");
  auto name = ctx.form("name"), rules = ctx.form("rules");
  auto start = ctx.form("term_start"), end = ctx.form("term_end");
  auto threshold = http::parse_id(ctx.form("threshold").empty() ? "0" : ctx.form("threshold"));
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  // Communities the user does not keep are not there for them.
  auto community = kept_community(ctx, lease, community_id);
  if (!community) return ctx.error(404, "error_not_found");
  lock_community(lease, community_id);  // two first saves at once make one council
  if (!one_of(k_kinds, kind))
    return page(ctx, community_id, 422, {"council:" + kind, "error_council_kind"});
  if (name.empty() || name.size() > 200 || rules.size() > 20000 || !search::valid_utf8(name) ||
      !search::valid_utf8(rules))
    return page(ctx, community_id, 422, {"council:" + kind, "error_council_name"});
  if (!valid_term(start, end))
    return page(ctx, community_id, 422, {"council:" + kind, "error_council_term"});
  auto notice = http::parse_id(ctx.form("notice_days").empty() ? "3" : ctx.form("notice_days"));
  if (!notice || *notice < 1 || *notice > 30)
    return page(ctx, community_id, 422, {"council:" + kind, "error_council_notice_days"});
  if (!threshold || *threshold > 100000 || (kind == "consultation" && *threshold < 1))
    return page(ctx, community_id, 422, {"council:" + kind, "error_council_threshold"});
  auto now = ctx.platform.clock.now();
  auto existing = council_of(lease, community_id, kind);
  Council c = existing.value_or(Council{});
  c.community_id = community_id;
  c.kind = kind;
  c.name = name;
  c.rules = rules;
  c.term_start = start;
  c.term_end = end;
  c.proposal_threshold = kind == "consultation" ? *threshold : 0;
  c.notice_days = *notice;
  c.updated_at = now;
  if (existing)
    update_council(lease, c);
  else
    c.id = insert_council(lease, c);
  audit::append(
      lease,
      {ctx.user().account_id, "deliberation.council.save", "council", std::to_string(c.id),
       "kind=" + kind + " threshold=" + std::to_string(c.proposal_threshold)},
      now);
  tx.commit();
  return ctx.redirect("/deliberation/councils?community=" + std::to_string(community_id),
                      "council_saved");
}

Response add_member(RequestContext& ctx) {
  auto council_id = ctx.id_param("id");
  auto name = ctx.form("name"), position = ctx.form("position"), sector = ctx.form("sector");
  auto start = ctx.form("term_start"), end = ctx.form("term_end");
  auto username = ctx.form("username");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto c = council_id ? find_council(lease, *council_id) : std::nullopt;
  if (!c || !kept_community(ctx, lease, c->community_id)) return ctx.error(404, "error_not_found");
  if (name.empty() || name.size() > 100 || !search::valid_utf8(name))
    return page(ctx, c->community_id, 422,
                {"member:" + std::to_string(c->id), "error_member_name"});
  if (!one_of(k_positions, position) || !one_of(k_sectors, sector))
    return page(ctx, c->community_id, 422,
                {"member:" + std::to_string(c->id), "error_member_position"});
  if (!valid_term(start, end) || start < c->term_start || end > c->term_end)
    return page(ctx, c->community_id, 422,
                {"member:" + std::to_string(c->id), "error_member_term"});
  Member m{0, c->id, 0, name, position, sector, start, end};
  if (!username.empty()) {
    auto account = auth::find_account_by_username(lease, username);
    if (!account)
      return page(ctx, c->community_id, 422,
                  {"member:" + std::to_string(c->id), "error_member_account"});
    m.account_id = account->id;
  }
  auto now = ctx.platform.clock.now();
  auto id = insert_member(lease, m, now);
  audit::append(lease,
                {ctx.user().account_id, "deliberation.member.add", "council_member",
                 std::to_string(id), "council=" + std::to_string(c->id) + " position=" + position},
                now);
  tx.commit();
  return ctx.redirect("/deliberation/councils?community=" + std::to_string(c->community_id),
                      "council_member_added");
}

Response remove_member_submit(RequestContext& ctx) {
  auto council_id = ctx.id_param("id"), member_id = ctx.id_param("mid");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto c = council_id ? find_council(lease, *council_id) : std::nullopt;
  if (!c || !member_id || !kept_community(ctx, lease, c->community_id))
    return ctx.error(404, "error_not_found");
  if (!remove_member(lease, c->id, *member_id)) return ctx.error(404, "error_not_found");
  audit::append(lease,
                {ctx.user().account_id, "deliberation.member.remove", "council_member",
                 std::to_string(*member_id), "council=" + std::to_string(c->id)},
                ctx.platform.clock.now());
  tx.commit();
  return ctx.redirect("/deliberation/councils?community=" + std::to_string(c->community_id),
                      "council_member_removed");
}
// One line per exclusive part: code,holder,area[,developer 0/1[,username]]. Nothing is
// stored unless every line is right; the error names the first wrong line.
Response import_register_submit(RequestContext& ctx) {
  auto community_id = ctx.id_form("community").value_or(0);
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto imported = import_register(lease, ctx.user(), community_id, ctx.form("register"),
                                  ctx.platform.clock.now());
  const auto& r = imported.result;
  if (r.status == 404 || r.status == 409) return ctx.error(r.status, r.error);
  if (!r.ok())
    return page(ctx, community_id, r.status, {"register", r.error}, std::to_string(imported.line));
  tx.commit();
  return ctx.redirect("/deliberation/councils?community=" + std::to_string(community_id),
                      "property_register_imported");
}

// A residents' group representative: a verified adult resident of the community, named
// by the resident's number, with the group's name.
Response add_representative_submit(RequestContext& ctx) {
  auto community_id = ctx.id_form("community").value_or(0);
  auto resident_id = http::parse_id(ctx.form("resident")).value_or(0);
  auto group = ctx.form("group");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  if (!kept_community(ctx, lease, community_id)) return ctx.error(404, "error_not_found");
  auto adults = org::adult_resident_ids(lease, community_id);
  if (std::find(adults.begin(), adults.end(), resident_id) == adults.end())
    return page(ctx, community_id, 422, {"representative", "error_representative_resident"});
  if (group.empty() || group.size() > 100 || !search::valid_utf8(group))
    return page(ctx, community_id, 422, {"representative", "error_representative_group"});
  if (!add_representative(lease, community_id, resident_id, group))
    return page(ctx, community_id, 409, {"representative", "error_representative_exists"});
  audit::append(lease,
                {ctx.user().account_id, "deliberation.representative.add", "resident",
                 std::to_string(resident_id), "community=" + std::to_string(community_id)},
                ctx.platform.clock.now());
  tx.commit();
  return ctx.redirect("/deliberation/councils?community=" + std::to_string(community_id),
                      "representative_added");
}

Response remove_representative_submit(RequestContext& ctx) {
  auto community_id = ctx.id_form("community").value_or(0);
  auto resident_id = ctx.id_param("id").value_or(0);
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  if (!kept_community(ctx, lease, community_id) ||
      !remove_representative(lease, community_id, resident_id))
    return ctx.error(404, "error_not_found");
  audit::append(lease,
                {ctx.user().account_id, "deliberation.representative.remove", "resident",
                 std::to_string(resident_id), "community=" + std::to_string(community_id)},
                ctx.platform.clock.now());
  tx.commit();
  return ctx.redirect("/deliberation/councils?community=" + std::to_string(community_id),
                      "representative_removed");
}

// Anyone may see a community's council and committee: members, terms and rules.
Response public_page(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto community = id ? org::find_unit(lease, *id) : std::nullopt;
  if (!community || community->kind != "community") return ctx.error(404, "error_not_found");
  auto bodies = views::Value::list();
  for (const auto& c : councils_in(lease, community->id)) {
    auto members = views::Value::list();
    for (const auto& m : members_of(lease, c.id))
      members.push(views::Value{{"id", m.id},
                                {"name", ctx.script(m.name)},
                                {"position", ctx.t("council_position_" + m.position)},
                                {"sector", ctx.t("council_sector_" + m.sector)},
                                {"term", m.term_start + " – " + m.term_end}});
    views::Value body{{"label", ctx.t("council_kind_" + c.kind)},
                      {"name", ctx.script(c.name)},
                      {"term", c.term_start + " – " + c.term_end},
                      {"members", members},
                      {"rules_html", views::markdown_to_html(ctx.script(c.rules))},
                      {"consultation", c.kind == "consultation"},
                      {"threshold", c.proposal_threshold},
                      {"notice_days", c.notice_days}};
    bodies.push(body);
  }
  views::Value data{{"community", ctx.script(community->name)},
                    {"community_id", community->id},
                    {"councils", bodies},
                    {"none", bodies.as_list().empty()}};
  return ctx.page("src/modules/deliberation/views/community_councils.mustache",
                  "councils_public_title", data);
}
}  // namespace

void register_council_routes(http::Router& router) {
  router.get("/deliberation/councils", "deliberation.councils", [](RequestContext& ctx) {
    return page(ctx, http::parse_id(ctx.query("community")).value_or(0));
  });
  router.post("/deliberation/councils", "deliberation.councils", save_council);
  router.post("/deliberation/councils/register", "deliberation.councils", import_register_submit);
  router.get("/deliberation/communities/{id}", "public", public_page);
  router.post("/deliberation/representatives", "deliberation.councils", add_representative_submit);
  router.post("/deliberation/representatives/{id}/remove", "deliberation.councils",
              remove_representative_submit);
  router.post("/deliberation/councils/{id}/members", "deliberation.councils", add_member);
  router.post("/deliberation/councils/{id}/members/{mid}/remove", "deliberation.councils",
              remove_member_submit);
}
}  // namespace silian::deliberation
