#pragma once
// Turns field errors into view data: `errors.<field>` beside each input and a summary
// list at the top of the form.
#include <algorithm>

#include "silian/modules/org/domain/validation.hpp"
#include "silian/platform/http/context.hpp"

namespace silian::org {
inline void add_errors(views::Value& data, const FieldErrors& errors, http::RequestContext& ctx) {
  views::Value by_field;
  auto summary = views::Value::list();
  for (const auto& e : errors) {
    by_field.set(e.field, ctx.t(e.message_key));
    summary.push(views::Value{
        {"field", e.field}, {"message", ctx.t("field_" + e.field) + ": " + ctx.t(e.message_key)}});
  }
  data.set("errors", by_field);
  data.set("error_summary", summary);
  data.set("has_errors", !errors.empty());
}

// Every unit path at which the user holds one of `roles`.
inline std::vector<std::string> scope_paths(const auth::Principal& who,
                                            const std::vector<std::string>& roles) {
  std::vector<std::string> out;
  for (const auto& r : who.roles)
    if (std::find(roles.begin(), roles.end(), r.role) != roles.end()) out.push_back(r.unit_path);
  return out;
}
}  // namespace silian::org
