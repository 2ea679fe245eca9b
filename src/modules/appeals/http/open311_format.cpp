#include "silian/modules/appeals/http/open311_format.hpp"

#include <cstdio>

namespace silian::appeals::open311 {
namespace {
std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string xml_text(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
      continue;  // not allowed in XML
    else
      out += static_cast<char>(c);
  }
  return out;
}

void xml_node(const Node& n, const std::string& name, std::string& out) {
  switch (n.kind) {
    case Node::Kind::null:
      out += "<" + name + "/>";
      return;
    case Node::Kind::string:
    case Node::Kind::number:
      out += "<" + name + ">" + xml_text(n.text) + "</" + name + ">";
      return;
    case Node::Kind::boolean:
      out += "<" + name + ">" + (n.flag ? "true" : "false") + "</" + name + ">";
      return;
    case Node::Kind::object:
      out += "<" + name + ">";
      for (const auto& [k, v] : n.fields) xml_node(v, k, out);
      out += "</" + name + ">";
      return;
    case Node::Kind::array:
      out += "<" + name + ">";
      for (const auto& item : n.items) xml_node(item, n.item_name, out);
      out += "</" + name + ">";
      return;
  }
}
}  // namespace

Node Node::str(std::string s) {
  Node n;
  n.kind = Kind::string;
  n.text = std::move(s);
  return n;
}
Node Node::opt(const std::string& s) { return s.empty() ? Node::null() : Node::str(s); }
Node Node::num(double v) {
  Node n;
  n.kind = Kind::number;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  n.text = buf;
  return n;
}
Node Node::integer(long long v) {
  Node n;
  n.kind = Kind::number;
  n.text = std::to_string(v);
  return n;
}
Node Node::boolean(bool v) {
  Node n;
  n.kind = Kind::boolean;
  n.flag = v;
  return n;
}
Node Node::object() {
  Node n;
  n.kind = Kind::object;
  return n;
}
Node Node::array(std::string item_name) {
  Node n;
  n.kind = Kind::array;
  n.item_name = std::move(item_name);
  return n;
}
Node& Node::add(std::string name, Node value) {
  fields.emplace_back(std::move(name), std::move(value));
  return *this;
}
Node& Node::push(Node value) {
  items.push_back(std::move(value));
  return *this;
}

std::string to_json(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null:
      return "null";
    case Node::Kind::string:
      return json_string(n.text);
    case Node::Kind::number:
      return n.text;
    case Node::Kind::boolean:
      return n.flag ? "true" : "false";
    case Node::Kind::object: {
      std::string out = "{";
      for (std::size_t i = 0; i < n.fields.size(); ++i)
        out += (i ? "," : "") + json_string(n.fields[i].first) + ":" + to_json(n.fields[i].second);
      return out + "}";
    }
    case Node::Kind::array: {
      std::string out = "[";
      for (std::size_t i = 0; i < n.items.size(); ++i) out += (i ? "," : "") + to_json(n.items[i]);
      return out + "]";
    }
  }
  return "null";
}

std::string to_xml(const Node& n, const std::string& root) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml_node(n, root, out);
  return out + "\n";
}
}  // namespace silian::appeals::open311
