// Open311 GeoReport v2 under /open311/v2/ (wiki.open311.org/GeoReport_v2). Services are
// the appeal categories; a posted request becomes an ordinary appeal. Answers come as
// JSON or XML by the file extension, with errors in the specified shape.
#include "silian/modules/appeals/http/open311_format.hpp"
#include "silian/modules/appeals/http/route_groups.hpp"
#include "silian/modules/appeals/service/flow.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::appeals {
namespace {
using http::RequestContext;
using http::Response;
using open311::Node;

enum class Format { json, xml };
constexpr int k_max_results = 1000;
constexpr std::int64_t k_default_window = 90 * 86400;

// "services.json" -> ("services", json); nullopt for anything else.
std::optional<std::pair<std::string, Format>> split_file(const std::string& file) {
  auto dot = file.rfind('.');
  if (dot == std::string::npos || dot == 0) return std::nullopt;
  auto ext = file.substr(dot + 1);
  if (ext == "json") return std::make_pair(file.substr(0, dot), Format::json);
  if (ext == "xml") return std::make_pair(file.substr(0, dot), Format::xml);
  return std::nullopt;
}

Response answer(Format f, int status, const Node& n, const std::string& root) {
  if (f == Format::json)
    return Response::text(status, open311::to_json(n), "application/json; charset=utf-8");
  return Response::text(status, open311::to_xml(n, root), "text/xml; charset=utf-8");
}

Response error(Format f, int status, const std::string& description) {
  auto list = Node::array("error");
  list.push(
      Node::object().add("code", Node::integer(status)).add("description", Node::str(description)));
  return answer(f, status, list, "errors");
}

// W3C date-time in China Standard Time: 2026-11-29T21:30:00+08:00.
std::string w3c(std::int64_t at) {
  auto local = format_iso8601_utc(at + k_local_offset);  // 2026-11-29T21:30:00Z
  return local.substr(0, 19) + "+08:00";
}

Node service_node(RequestContext& ctx, const Category& c) {
  return Node::object()
      .add("service_code", Node::str(c.code))
      .add("service_name", Node::str(ctx.script(c.name)))
      .add("description", Node::opt(ctx.script(c.description)))
      .add("metadata", Node::boolean(true))
      .add("type", Node::str("realtime"))
      .add("keywords", Node::opt(ctx.script(c.keywords)))
      .add("group", Node::opt(ctx.script(c.group_name)));
}

// What a request shows the public: never the contact; the resident's words and point
// only for requests that came through Open311 itself, whose clients publish them anyway.
Node request_node(RequestContext& ctx, const Appeal& a) {
  bool published = a.channel == "open311" && !a.anonymous;
  auto n = Node::object();
  n.add("service_request_id", Node::str(a.public_no))
      .add("status", Node::str(a.status == "closed" ? "closed" : "open"))
      .add("status_notes", Node::opt(ctx.script(a.public_reply)))
      .add("service_name", Node::str(ctx.script(a.category_name)))
      .add("service_code", Node::str(a.category_code))
      .add("description", published ? Node::str(a.description) : Node::null())
      .add("agency_responsible", Node::opt(ctx.script(a.lead_unit_name)))
      .add("service_notice", Node::null())
      .add("requested_datetime", Node::str(w3c(a.received_at)))
      .add("updated_datetime", Node::str(w3c(a.updated_at)))
      .add("expected_datetime", a.resolve_due ? Node::str(w3c(a.resolve_due)) : Node::null())
      .add("address", Node::str(ctx.script(a.community_name) +
                                (published && !a.address.empty() ? " " + a.address : "")))
      .add("address_id", Node::null())
      .add("zipcode", Node::null())
      .add("lat", published && a.lat ? Node::num(*a.lat) : Node::null())
      .add("long", published && a.lng ? Node::num(*a.lng) : Node::null())
      .add("media_url", Node::null());
  return n;
}

Response discovery(RequestContext& ctx, Format f) {
  auto host = ctx.request.header("host");
  auto base = std::string(ctx.request.tls ? "https://" : "http://") +
              (host.empty() ? "localhost" : host) + "/open311/v2";
  auto formats = Node::array("format");
  formats.push(Node::str("text/xml")).push(Node::str("application/json"));
  auto endpoints = Node::array("endpoint");
  endpoints.push(Node::object()
                     .add("specification", Node::str("http://wiki.open311.org/GeoReport_v2"))
                     .add("url", Node::str(base))
                     .add("changeset", Node::str("2026-11-29T00:00:00+08:00"))
                     .add("type", Node::str("production"))
                     .add("formats", formats));
  auto n = Node::object()
               .add("changeset", Node::str("2026-11-29T00:00:00+08:00"))
               .add("contact", Node::str(ctx.t("open311_contact")))
               .add("key_service", Node::str(ctx.t("open311_key_service")))
               .add("endpoints", endpoints);
  return answer(f, 200, n, "discovery");
}

Response services(RequestContext& ctx, Format f) {
  auto lease = ctx.platform.db->lease();
  auto list = Node::array("service");
  for (const auto& c : categories(lease, true)) list.push(service_node(ctx, c));
  return answer(f, 200, list, "services");
}

Response definition(RequestContext& ctx) {
  auto file = split_file(ctx.params.at("file"));
  if (!file) return error(Format::json, 404, "unknown format");
  auto [code, f] = *file;
  auto lease = ctx.platform.db->lease();
  auto c = find_category_by_code(lease, code);
  if (!c || !c->active) return error(f, 404, "service_code not found: " + code);
  auto values = Node::array("value");
  for (const auto& u : org::units_of_kind(lease, "community"))
    if (u.active)
      values.push(
          Node::object().add("key", Node::str(u.code)).add("name", Node::str(ctx.script(u.name))));
  auto attributes = Node::array("attribute");
  attributes.push(Node::object()
                      .add("variable", Node::boolean(true))
                      .add("code", Node::str("community"))
                      .add("datatype", Node::str("singlevaluelist"))
                      .add("required", Node::boolean(true))
                      .add("datatype_description", Node::str(ctx.t("open311_community_datatype")))
                      .add("order", Node::integer(1))
                      .add("description", Node::str(ctx.t("open311_community_description")))
                      .add("values", values));
  auto n = Node::object().add("service_code", Node::str(c->code)).add("attributes", attributes);
  return answer(f, 200, n, "service_definition");
}

Response post_request(RequestContext& ctx) {
  auto file = split_file(ctx.params.at("file"));
  if (!file || file->first != "requests") return error(Format::json, 404, "not found");
  auto f = file->second;
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto key = find_api_key(lease, ctx.form("api_key"));
  if (!key) return error(f, 403, "api_key missing or not valid");
  auto code = ctx.form("service_code");
  if (code.empty()) return error(f, 400, "service_code missing");
  auto c = find_category_by_code(lease, code);
  if (!c || !c->active) return error(f, 400, "service_code not found: " + code);
  Intake in;
  in.category_id = c->id;
  in.description = ctx.form("description");
  if (in.description.empty()) return error(f, 400, "description missing");
  // The place: attribute[community] (a community code) or address_id (community or grid).
  auto place_code = ctx.form("attribute[community]");
  if (place_code.empty()) place_code = ctx.form("address_id");
  if (place_code.empty())
    return error(f, 400, "location missing: give attribute[community] or address_id");
  auto unit = org::find_unit_by_code(lease, place_code);
  if (!unit || (unit->kind != "community" && unit->kind != "grid"))
    return error(f, 400, "location not in this jurisdiction: " + place_code);
  in.community_id = unit->kind == "community" ? unit->id : unit->parent_id;
  in.grid_id = unit->kind == "grid" ? unit->id : 0;
  bool bad = false;
  in.lat = coordinate(ctx.form("lat"), bad);
  in.lng = coordinate(ctx.form("long"), bad);
  if (bad) return error(f, 400, "lat/long must be numbers");
  in.address = ctx.form("address_string");
  auto name = (ctx.form("last_name") + ctx.form("first_name"));
  in.contact_name = name;
  in.contact_phone = ctx.form("phone");
  in.channel = "open311";
  in.api_key_id = key->id;
  // Reads and checks first; the write lock is taken only for the writes.
  auto plan = plan_intake(p, lease, in);
  if (auto* refusal = std::get_if<std::string>(&plan)) return error(f, 400, ctx.t(*refusal));
  db::Transaction tx(lease);
  auto a = store_intake(lease, std::get<IntakePlan>(plan), p.clock.now());
  tx.commit();
  auto list = Node::array("request");
  list.push(Node::object()
                .add("service_request_id", Node::str(a.public_no))
                .add("token", Node::str(a.token))
                .add("service_notice", Node::str(ctx.tf("open311_notice", {{"no", a.public_no}})))
                .add("account_id", Node::null()));
  return answer(f, 201, list, "service_requests");
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    auto part = s.substr(start, end - start);
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

Response list_requests(RequestContext& ctx, Format f) {
  Filter filter;
  auto ids = split_commas(ctx.query("service_request_id"));
  if (ids.size() > k_max_results) return error(f, 400, "too many service_request_id values");
  if (!ids.empty()) {
    filter.public_nos = ids;  // the other filters are then ignored, as the spec says
  } else {
    filter.category_codes = split_commas(ctx.query("service_code"));
    auto statuses = split_commas(ctx.query("status"));
    for (const auto& s : statuses)
      if (s != "open" && s != "closed") return error(f, 400, "status must be open or closed");
    if (statuses.size() == 1) filter.status = statuses[0];
    auto start = ctx.query("start_date"), end = ctx.query("end_date");
    std::optional<std::int64_t> since, until;
    if (!start.empty() && !(since = parse_iso8601(start)))
      return error(f, 400, "start_date is not a W3C date-time");
    if (!end.empty() && !(until = parse_iso8601(end)))
      return error(f, 400, "end_date is not a W3C date-time");
    auto now = ctx.platform.clock.now();
    if (!since && !until) since = now - k_default_window;
    if (!since) since = *until - k_default_window;
    filter.since = *since;
    filter.until = until.value_or(0);
    if (until && *until < *since) return error(f, 400, "end_date is before start_date");
  }
  auto lease = ctx.platform.db->lease();
  auto found = search(lease, filter, k_max_results - 1, 0);
  auto list = Node::array("request");
  for (const auto& a : found) list.push(request_node(ctx, a));
  return answer(f, 200, list, "service_requests");
}

Response top_level(RequestContext& ctx) {
  auto file = split_file(ctx.params.at("file"));
  if (!file) return error(Format::json, 404, "not found");
  auto [name, f] = *file;
  if (name == "discovery") return discovery(ctx, f);
  if (name == "services") return services(ctx, f);
  if (name == "requests") return list_requests(ctx, f);
  return error(f, 404, "not found");
}

Response one_request(RequestContext& ctx) {
  auto file = split_file(ctx.params.at("file"));
  if (!file) return error(Format::json, 404, "not found");
  auto [id, f] = *file;
  auto lease = ctx.platform.db->lease();
  auto a = find_by_public_no(lease, id);
  if (!a) return error(f, 404, "service_request_id not found: " + id);
  auto list = Node::array("request");
  list.push(request_node(ctx, *a));
  return answer(f, 200, list, "service_requests");
}

Response token(RequestContext& ctx) {
  auto file = split_file(ctx.params.at("file"));
  if (!file) return error(Format::json, 404, "not found");
  auto [t, f] = *file;
  auto lease = ctx.platform.db->lease();
  auto a = find_by_token(lease, t);
  if (!a) return error(f, 404, "token not found");
  auto list = Node::array("request");
  list.push(Node::object()
                .add("service_request_id", Node::str(a->public_no))
                .add("token", Node::str(a->token)));
  return answer(f, 200, list, "service_requests");
}
}  // namespace

void register_open311_routes(http::Router& router) {
  router.get("/open311/v2/{file}", "public", top_level);
  http::Route post{"POST", "/open311/v2/{file}", "public", post_request};
  post.csrf_exempt = true;  // authenticated by api_key, not a browser form
  router.add(post);
  router.get("/open311/v2/services/{file}", "public", definition);
  router.get("/open311/v2/requests/{file}", "public", one_request);
  router.get("/open311/v2/tokens/{file}", "public", token);
}
}  // namespace silian::appeals
