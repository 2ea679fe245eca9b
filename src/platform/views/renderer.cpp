#include "silian/platform/views/renderer.hpp"

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <stdexcept>

#include "silian/platform/assets.hpp"

namespace silian::views {
namespace {
namespace mu = kainjow::mustache;

mu::data to_data(const Value& v) {
  if (v.is_string()) return mu::data(v.as_string());
  if (v.is_bool())
    return v.as_bool() ? mu::data(mu::data::type::bool_true) : mu::data(mu::data::type::bool_false);
  if (v.is_list()) {
    mu::data list(mu::data::type::list);
    for (const auto& item : v.as_list()) list.push_back(to_data(item));
    return list;
  }
  mu::data obj(mu::data::type::object);
  for (const auto& [key, value] : v.as_object()) obj.set(key, to_data(value));
  return obj;
}

// kainjow's render() is not const (it may record errors on the template), so each
// worker thread keeps its own parsed copy.
mu::mustache& compiled(std::string_view path) {
  thread_local std::map<std::string, std::unique_ptr<mu::mustache>, std::less<>> cache;
  auto it = cache.find(path);
  if (it != cache.end()) return *it->second;
  auto tmpl = std::make_unique<mu::mustache>(std::string(assets::get(path)));
  if (!tmpl->is_valid())
    throw std::runtime_error("template " + std::string(path) + ": " + tmpl->error_message());
  return *cache.emplace(std::string(path), std::move(tmpl)).first->second;
}
}  // namespace

std::string render(std::string_view template_path, const Value& data) {
  auto& tmpl = compiled(template_path);
  return tmpl.render(to_data(data));
}
}  // namespace silian::views
