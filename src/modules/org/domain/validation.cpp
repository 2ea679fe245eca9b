#include "silian/modules/org/domain/validation.hpp"

#include <algorithm>

#include "silian/platform/org/org_unit.hpp"

namespace silian::org {
std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool valid_username(const std::string& s) {
  return s.size() >= 3 && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                  c == '-';
         });
}

bool valid_phone(const std::string& s) {
  return s.size() == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool valid_code(const std::string& s) {
  return s.size() >= 2 && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

namespace {
void check_name(FieldErrors& errors, const std::string& field, const std::string& value,
                std::size_t max) {
  auto n = utf8_length(value);
  if (n == 0)
    errors.push_back({field, "error_required"});
  else if (n > max)
    errors.push_back({field, "error_too_long"});
}

void check_password(FieldErrors& errors, const std::string& password) {
  if (password.size() < 8)
    errors.push_back({"password", "error_password_short"});
  else if (password.size() > 128)
    errors.push_back({"password", "error_too_long"});
}
}  // namespace

FieldErrors validate_registration(const RegistrationCommand& c) {
  FieldErrors errors;
  if (!valid_username(c.username)) errors.push_back({"username", "error_username_format"});
  check_name(errors, "display_name", c.display_name, 40);
  check_password(errors, c.password);
  if (!valid_phone(c.phone)) errors.push_back({"phone", "error_phone_format"});
  if (c.community_code.empty()) errors.push_back({"community", "error_required"});
  check_name(errors, "address", c.address, 120);
  return errors;
}

FieldErrors validate_unit(const UnitCommand& c) {
  FieldErrors errors;
  if (!is_unit_kind(c.kind))
    errors.push_back({"kind", "error_unit_kind"});
  else if (!may_contain(c.parent_kind, c.kind))
    errors.push_back({"parent", "error_unit_parent"});
  if (!valid_code(c.code)) errors.push_back({"code", "error_code_format"});
  check_name(errors, "name", c.name, 60);
  if (utf8_length(c.address) > 120) errors.push_back({"address", "error_too_long"});
  return errors;
}

FieldErrors validate_account(const AccountCommand& c) {
  FieldErrors errors;
  if (!valid_username(c.username)) errors.push_back({"username", "error_username_format"});
  check_name(errors, "display_name", c.display_name, 40);
  check_password(errors, c.password);
  return errors;
}
}  // namespace silian::org
