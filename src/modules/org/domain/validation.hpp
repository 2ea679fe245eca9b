#pragma once
// Pure validation of the organisation module's commands: no SQL, no HTTP. Each error
// names the field and a catalogue key, so the form can show it next to the field.
#include <expected>
#include <string>
#include <vector>

namespace silian::org {
struct FieldError {
  std::string field;
  std::string message_key;
};
using FieldErrors = std::vector<FieldError>;

struct RegistrationCommand {
  std::string username;
  std::string display_name;
  std::string password;
  std::string phone;
  std::string community_code;
  std::string address;
};

struct UnitCommand {
  std::string parent_kind;  // empty for the district
  std::string kind;
  std::string code;
  std::string name;
  std::string address;
};

struct AccountCommand {
  std::string username;
  std::string display_name;
  std::string password;
};

FieldErrors validate_registration(const RegistrationCommand& c);
FieldErrors validate_unit(const UnitCommand& c);
FieldErrors validate_account(const AccountCommand& c);

bool valid_username(const std::string& s);  // 3-32 of a-z 0-9 _ . -
bool valid_phone(const std::string& s);     // mainland mobile: 1[3-9] + 9 digits
bool valid_code(const std::string& s);      // 2-40 of a-z 0-9 _ -
// Length in Unicode code points (names and addresses are mostly Chinese).
std::size_t utf8_length(const std::string& s);
}  // namespace silian::org
