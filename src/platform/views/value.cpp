#include "silian/platform/views/value.hpp"

#include <stdexcept>

namespace silian::views {
Value& Value::set(const std::string& key, Value value) {
  if (!is_object()) throw std::logic_error("Value::set on a non-object");
  std::get<Object>(v_)[key] = std::move(value);
  return *this;
}

Value& Value::push(Value value) {
  if (!is_list()) throw std::logic_error("Value::push on a non-list");
  std::get<List>(v_).push_back(std::move(value));
  return *this;
}

Value& Value::operator[](const std::string& key) {
  if (!is_object()) throw std::logic_error("Value::operator[] on a non-object");
  return std::get<Object>(v_)[key];
}
}  // namespace silian::views
