#include "silian/platform/views/renderer.hpp"

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <stdexcept>

#include "silian/platform/assets.hpp"
#include "silian/platform/i18n/catalog.hpp"

namespace silian::views {
namespace {
namespace mu = kainjow::mustache;

// kainjow's set() and push_back() take const references and copy the child, so building a
// tree level by level copied every leaf once per level above it (a fifth of a list
// page's CPU). Instead a cheap placeholder is inserted and the child moved into its slot;
// the const_casts are sound because the containers themselves are not const.
mu::data to_data(const Value& v) {
  if (v.is_string()) return mu::data(v.as_string());
  if (v.is_bool())
    return v.as_bool() ? mu::data(mu::data::type::bool_true) : mu::data(mu::data::type::bool_false);
  if (v.is_list()) {
    mu::data list(mu::data::type::list);
    auto& items = const_cast<mu::basic_list<std::string>&>(list.list_value());
    items.reserve(v.as_list().size());
    for (const auto& item : v.as_list()) items.push_back(to_data(item));
    return list;
  }
  mu::data obj(mu::data::type::object);
  for (const auto& [key, value] : v.as_object()) {
    obj.set(key, mu::data(false));
    *const_cast<mu::data*>(obj.get(key)) = to_data(value);
  }
  return obj;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// {{t.key}} -> the escaped catalogue text. Texts that themselves contain "{{" are left
// as tags (never the case today) so that a translation can never become template code.
std::string with_catalogue(std::string source, std::string_view lang) {
  const auto& catalog = i18n::Catalog::instance();
  std::size_t pos = 0;
  while ((pos = source.find("{{t.", pos)) != std::string::npos) {
    auto end = source.find("}}", pos);
    if (end == std::string::npos) break;
    auto key = source.substr(pos + 4, end - pos - 4);
    bool plain_key =
        !key.empty() &&
        key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    auto text = plain_key ? catalog.text(lang, key) : std::string();
    if (!plain_key || text.find("{{") != std::string::npos) {
      pos = end + 2;
      continue;
    }
    auto escaped = html_escape(text);
    source.replace(pos, end + 2 - pos, escaped);
    pos += escaped.size();
  }
  return source;
}

// kainjow's render() is not const (it may record errors on the template), so each
// worker thread keeps its own parsed copy, per language when the catalogue is baked in.
mu::mustache& compiled(std::string_view path, std::string_view lang = {}) {
  thread_local std::map<std::string, std::unique_ptr<mu::mustache>, std::less<>> cache;
  std::string key = std::string(path) + "|" + std::string(lang);
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  std::string source(assets::get(path));
  if (!lang.empty()) source = with_catalogue(std::move(source), lang);
  auto tmpl = std::make_unique<mu::mustache>(source);
  if (!tmpl->is_valid())
    throw std::runtime_error("template " + std::string(path) + ": " + tmpl->error_message());
  return *cache.emplace(key, std::move(tmpl)).first->second;
}
}  // namespace

std::string render(std::string_view template_path, const Value& data) {
  auto& tmpl = compiled(template_path);
  return tmpl.render(to_data(data));
}

std::string render(std::string_view template_path, const Value& data, std::string_view lang) {
  auto& tmpl = compiled(template_path, lang);
  return tmpl.render(to_data(data));
}
}  // namespace silian::views
