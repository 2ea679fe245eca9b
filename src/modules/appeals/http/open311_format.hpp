#pragma once
// A small document tree rendered as Open311 JSON or XML, so that each endpoint builds its
// answer once and both formats say the same thing.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace silian::appeals::open311 {
struct Node {
  enum class Kind { null, string, number, boolean, object, array } kind = Kind::null;
  std::string text;  // string, or the number's literal
  bool flag = false;
  std::vector<std::pair<std::string, Node>> fields;  // object
  std::vector<Node> items;                           // array
  std::string item_name;                             // XML element name of array items

  static Node null() { return {}; }
  static Node str(std::string s);
  static Node opt(const std::string& s);  // null when empty
  static Node num(double v);
  static Node integer(long long v);
  static Node boolean(bool v);
  static Node object();
  static Node array(std::string item_name);
  Node& add(std::string name, Node value);
  Node& push(Node value);
};

std::string to_json(const Node& n);
// `root` is the XML root element; the XML declaration is included.
std::string to_xml(const Node& n, const std::string& root);
}  // namespace silian::appeals::open311
