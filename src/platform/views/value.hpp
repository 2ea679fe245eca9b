#pragma once
// A small view model (strings, booleans, lists, objects) that handlers fill and the
// renderer turns into mustache data, so that handlers never include the template engine.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace silian::views {
class Value {
 public:
  using List = std::vector<Value>;
  using Object = std::map<std::string, Value>;

  Value() : v_(Object{}) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(bool b) : v_(b) {}
  Value(int n) : v_(std::to_string(n)) {}
  Value(long n) : v_(std::to_string(n)) {}
  Value(long long n) : v_(std::to_string(n)) {}
  Value(List l) : v_(std::move(l)) {}
  Value(std::initializer_list<std::pair<const std::string, Value>> fields) : v_(Object(fields)) {}

  static Value list() { return Value(List{}); }

  Value& set(const std::string& key, Value value);  // on objects
  Value& push(Value value);                         // on lists
  Value& operator[](const std::string& key);        // on objects

  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_list() const { return std::holds_alternative<List>(v_); }
  bool is_object() const { return std::holds_alternative<Object>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  bool as_bool() const { return std::get<bool>(v_); }
  const List& as_list() const { return std::get<List>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }

 private:
  std::variant<std::string, bool, List, Object> v_;
};
}  // namespace silian::views
