// Votes (表决): opening a vote on a noticed agenda's topic, the public vote page with the
// published tally and decision, online ballots, written ballots and the close.
#include "silian/modules/deliberation/http/route_groups.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/deliberation/service/votes.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/platform.hpp"

namespace silian::deliberation {
namespace {
using http::RequestContext;
using http::Response;

std::string fraction_text(RequestContext& ctx, const Fraction& f) {
  return ctx.tf(f.strictly_more ? "vote_more_than" : "vote_at_least",
                {{"n", std::to_string(f.numerator)}, {"d", std::to_string(f.denominator)}});
}

Response open_submit(RequestContext& ctx) {
  VoteDraft d;
  d.meeting_id = ctx.id_param("id").value_or(0);
  d.topic_id = ctx.id_form("topic").value_or(0);
  d.rule_code = ctx.form("rule");
  d.electorate = ctx.form("electorate");
  d.question = ctx.form("question");
  auto closes = parse_local_datetime(ctx.form("closes"));
  if (!closes) return ctx.error(422, "error_vote_closes");
  d.closes_at = *closes;
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = open_vote(lease, ctx.user(), d, ctx.platform.clock.now());
  if (!r.ok()) return ctx.error(r.status, r.error);
  tx.commit();
  return ctx.redirect("/deliberation/votes/" + std::to_string(r.topic_id), "vote_opened");
}

Response detail(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto v = id ? find_vote(lease, *id) : std::nullopt;
  if (!v) return ctx.error(404, "error_not_found");
  auto now = ctx.platform.clock.now();
  auto rule = find_voting_rule(lease, v->rule_code);
  views::Value vote{{"id", v->id},
                    {"topic", v->topic_id},
                    {"topic_title", ctx.script(v->topic_title)},
                    {"meeting", v->meeting_id},
                    {"question", ctx.script(v->question)},
                    {"rule", ctx.t("vote_rule_" + v->rule_code)},
                    {"electorate", ctx.t("vote_electorate_" + v->electorate)},
                    {"heads", v->size.heads},
                    {"owners", v->electorate == "owners"},
                    {"adults", v->electorate == "adults" || v->electorate == "representatives"},
                    {"total_area", format_area(v->size.area)},
                    {"opened", format_local_minutes(v->opened_at)},
                    {"closes", format_local_minutes(v->closes_at)},
                    {"open", v->status == "open"}};
  if (rule) {
    if (rule->quorum) vote.set("quorum", fraction_text(ctx, *rule->quorum));
    vote.set("approval", fraction_text(ctx, rule->approval));
  }
  views::Value data{{"vote", vote}};
  if (v->status == "closed") {
    // The tally is published as soon as the vote closes.
    data.set("result", views::Value{{"closed", format_local_minutes(v->closed_at)},
                                    {"yes", v->tally.yes_heads},
                                    {"no", v->tally.no_heads},
                                    {"abstain", v->tally.abstain_heads},
                                    {"present", v->tally.present_heads},
                                    {"passed", v->passed},
                                    {"quorum_met", v->quorum_met},
                                    {"reason", ctx.t(v->reason)}});
    if (v->electorate == "owners")
      data.set("areas", views::Value{{"yes", format_area(v->tally.yes_area)},
                                     {"no", format_area(v->tally.no_area)},
                                     {"abstain", format_area(v->tally.abstain_area)},
                                     {"present", format_area(v->tally.present_area)},
                                     {"total", format_area(v->size.area)}});
    if (auto d = decision_of_topic(lease, v->topic_id))
      data.set("decision", views::Value{{"id", d->id},
                                        {"text", ctx.script(d->text)},
                                        {"at", format_local_minutes(d->decided_at)}});
  }
  if (ctx.principal && v->status == "open" && now < v->closes_at) {
    auto key = voter_key_of(lease, ctx.user(), *v);
    if (!key.empty()) {
      views::Value mine{{"may", true}};
      if (auto b = ballot_of(lease, v->id, key)) {
        mine.set("current", ctx.t("vote_choice_" + b->choice));
        mine.set("channel", ctx.t("vote_channel_" + b->channel));
      }
      data.set("ballot", mine);
    }
  }
  if (ctx.principal && may_convene(ctx.user(), v->community_path) && v->status == "open") {
    data.set("convener",
             views::Value{{"ballots", static_cast<std::int64_t>(ballots_of(lease, v->id).size())},
                          {"household", v->electorate == "households"}});
  }
  return ctx.page("src/modules/deliberation/views/vote.mustache", "vote_title", data);
}

template <typename Step>
Response step(RequestContext& ctx, const std::string& notice, Step run) {
  return run_step(ctx, notice, run, page_of("/deliberation/votes/"));
}

Response ballot_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "vote_ballot_cast", [&](db::Lease& lease) {
    return cast(lease, ctx.user(), id, ctx.form("choice"), ctx.platform.clock.now());
  });
}

Response written_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "vote_written_recorded", [&](db::Lease& lease) {
    return record_written(lease, ctx.user(), id, ctx.form("voter"), ctx.form("choice"),
                          ctx.platform.clock.now());
  });
}

Response close_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  auto present = http::parse_id(ctx.form("present").empty() ? "0" : ctx.form("present"));
  if (!present) return ctx.error(422, "error_vote_present");
  return step(ctx, "vote_closed", [&](db::Lease& lease) {
    return close_vote(lease, ctx.user(), id, *present, ctx.form("decision"),
                      ctx.platform.clock.now());
  });
}
}  // namespace

void register_vote_routes(http::Router& router) {
  router.post("/deliberation/meetings/{id}/votes", "deliberation.convene", open_submit);
  router.get("/deliberation/votes/{id}", "public", detail);
  router.post("/deliberation/votes/{id}/ballot", "authenticated", ballot_submit);
  router.post("/deliberation/votes/{id}/written", "deliberation.convene", written_submit);
  router.post("/deliberation/votes/{id}/close", "deliberation.convene", close_submit);
}
}  // namespace silian::deliberation
