#include "silian/platform/http/context.hpp"

#include <algorithm>

#include "silian/platform/auth/permissions.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/i18n/catalog.hpp"
#include "silian/platform/i18n/script_converter.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/views/renderer.hpp"

namespace silian::http {
namespace {
std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}
}  // namespace

RequestContext::RequestContext(const Request& r, Platform& p) : request(r), platform(p) {}

std::string RequestContext::t(const std::string& key) const {
  return i18n::Catalog::instance().text(lang, key);
}

std::string RequestContext::tf(const std::string& key,
                               const std::map<std::string, std::string>& p) const {
  return i18n::Catalog::instance().format(lang, key, p);
}

std::string RequestContext::script(const std::string& text) const {
  return i18n::to_reader_script(text, lang);
}

bool RequestContext::multipart() const {
  if (!parts_) {
    auto boundary = multipart_boundary(request.header("content-type"));
    if (boundary.empty()) return false;
    // A malformed multipart body reads as an empty form: every required field is missing.
    parts_ = parse_multipart(request.body, boundary).value_or(std::vector<Part>{});
  }
  return true;
}

std::vector<const Part*> RequestContext::files(const std::string& name) const {
  std::vector<const Part*> out;
  if (!multipart()) return out;
  for (const auto& p : *parts_)
    if (p.name == name && !p.filename.empty() && !p.data.empty()) out.push_back(&p);
  return out;
}

std::string RequestContext::form(const std::string& name) const {
  if (!form_) {
    if (multipart()) {
      form_.emplace();
      for (const auto& p : *parts_)
        if (p.filename.empty()) form_->emplace(p.name, p.data);
    } else {
      form_ = parse_urlencoded(request.body);
    }
  }
  auto it = form_->find(name);
  return it == form_->end() ? std::string() : trim(it->second);
}

std::vector<std::string> RequestContext::form_values(const std::string& name) const {
  std::vector<std::string> out;
  if (multipart()) {
    for (const auto& p : *parts_)
      if (p.name == name && p.filename.empty()) out.push_back(trim(p.data));
    return out;
  }
  std::string_view body(request.body);
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    auto pair = body.substr(start, end - start);
    start = end + 1;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (url_decode(pair.substr(0, eq)) == name)
      out.push_back(trim(url_decode(pair.substr(eq + 1))));
  }
  return out;
}

std::string RequestContext::query(const std::string& name) const {
  if (!query_) query_ = parse_urlencoded(request.query);
  auto it = query_->find(name);
  return it == query_->end() ? std::string() : trim(it->second);
}

std::optional<std::int64_t> RequestContext::id_param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::nullopt : parse_id(it->second);
}

std::optional<std::int64_t> RequestContext::id_form(const std::string& name) const {
  return parse_id(form(name));
}

int RequestContext::page_number() const {
  auto page = parse_id(query("page"));
  return page && *page >= 1 && *page <= 1000000 ? static_cast<int>(*page) : 1;
}

bool RequestContext::wants_json() const {
  auto accept = request.header("accept");
  return request.path.starts_with("/api/") ||
         (accept.find("application/json") != std::string::npos &&
          accept.find("text/html") == std::string::npos);
}

Response RequestContext::page(const std::string& template_path, const std::string& title_key,
                              views::Value data, int status) {
  const auto& catalog = i18n::Catalog::instance();
  data.set("csrf", csrf_token);
  // The catalogue's texts are compiled into each template per language.
  std::string body = views::render(template_path, data, lang);

  views::Value layout;
  layout.set("body", body);
  layout.set("title", t(title_key));
  layout.set("lang", lang);
  layout.set("csrf", csrf_token);
  layout.set("large_text", large_text);
  layout.set("here", url_encode(request.path + (request.query.empty() ? "" : "?" + request.query)));
  auto langs = views::Value::list();
  for (const auto& l : i18n::languages())
    langs.push(
        views::Value{{"code", l}, {"label", catalog.text(l, "lang_name")}, {"current", l == lang}});
  layout.set("langs", langs);
  if (principal) {
    layout.set("user",
               views::Value{{"name", rendering_shared_page ? platform.page_cache.name_marker()
                                                           : script(principal->display_name)},
                            {"staff", principal->is_staff()}});
    auto nav = views::Value::list();
    for (const auto& m : platform.modules)
      for (const auto& entry : m.nav)
        if (platform.permissions.allows(entry.permission, &*principal))
          nav.push(views::Value{{"label", t(entry.label_key)},
                                {"href", entry.href},
                                {"current", request.path == entry.href ||
                                                request.path.starts_with(entry.href + "/")}});
    layout.set("nav", nav);
    layout.set("has_nav", !nav.as_list().empty() && principal->is_staff());
  }
  auto cookies = parse_cookies(request.header("cookie"));
  if (auto it = cookies.find("notice"); it != cookies.end() && !it->second.empty()) {
    const auto& table = catalog.all(lang);
    if (table.contains(it->second)) layout.set("notice", t(it->second));
    set_cookies.push_back(
        set_cookie_value("notice", "", {true, platform.config.secure_cookies, 0}));
  }
  Response r;
  r.status = status;
  r.body = views::render("src/platform/views/layout.mustache", layout, lang);
  return r;
}

Response RequestContext::error(int status, const std::string& message_key) {
  if (wants_json()) {
    return json(status, "{\"error\":{\"code\":" + std::to_string(status) + ",\"message\":\"" +
                            json_escape(t(message_key)) + "\"}}");
  }
  views::Value data{{"status", std::to_string(status)}, {"message", t(message_key)}};
  return page("src/platform/views/error.mustache", "error_title", data, status);
}

Response RequestContext::redirect(const std::string& location, const std::string& notice_key) {
  auto r = Response::redirect(is_local_path(location) ? location : "/");
  if (!notice_key.empty())
    set_cookies.push_back(
        set_cookie_value("notice", notice_key, {true, platform.config.secure_cookies, 60}));
  return r;
}

Response RequestContext::json(int status, const std::string& body) const {
  return Response::text(status, body, "application/json; charset=utf-8");
}
}  // namespace silian::http
