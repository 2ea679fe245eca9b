#pragma once
// What a handler sees of one request: the request, who is asking, the reader's language,
// the CSRF token for forms, and helpers to answer with a page, an error or a redirect.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "silian/platform/auth/principal.hpp"
#include "silian/platform/http/multipart.hpp"
#include "silian/platform/http/request.hpp"
#include "silian/platform/views/value.hpp"

namespace silian {
struct Platform;
}

namespace silian::http {
class RequestContext {
 public:
  RequestContext(const Request& request, Platform& platform);

  const Request& request;
  Platform& platform;
  std::optional<auth::Principal> principal;
  std::map<std::string, std::string> params;  // path captures
  std::string lang;
  std::string csrf_token;
  std::string request_id;
  std::string client_ip;  // the remote address, or X-Forwarded-For from a trusted proxy
  bool large_text = false;
  std::vector<std::string> set_cookies;  // added to whatever response the handler returns
  // Set while a shared page is rendered for the page cache: the CSRF token is then its
  // marker, and the layout names the viewer by a marker too.
  bool rendering_shared_page = false;
  // This answer shows what only this viewer may see, or its reading must be recorded
  // each time: it is never kept in the page cache.
  void keep_private() { private_answer_ = true; }
  bool private_answer() const { return private_answer_; }

  // Text in the reader's language.
  std::string t(const std::string& key) const;
  std::string tf(const std::string& key, const std::map<std::string, std::string>& p) const;
  // User-written content in the reader's script.
  std::string script(const std::string& text) const;

  std::string form(const std::string& name) const;  // urlencoded body field, trimmed
  std::vector<std::string> form_values(const std::string& name) const;  // repeated fields
  // Uploaded files of a multipart form field (empty parts, i.e. no file chosen, left out).
  std::vector<const Part*> files(const std::string& name) const;
  std::string query(const std::string& name) const;                     // query string field
  std::optional<std::int64_t> id_param(const std::string& name) const;  // path capture
  std::optional<std::int64_t> id_form(const std::string& name) const;   // form field
  int page_number() const;  // ?page=N for paginated lists, 1 when absent or bad
  bool wants_json() const;

  // A page inside the layout. `title_key` is a catalogue key.
  Response page(const std::string& template_path, const std::string& title_key, views::Value data,
                int status = 200);
  Response error(int status, const std::string& message_key);
  // Redirect with a one-time notice (a catalogue key) shown on the next page.
  Response redirect(const std::string& location, const std::string& notice_key = "");
  Response json(int status, const std::string& body) const;

  const auth::Principal& user() const { return *principal; }

 private:
  bool private_answer_ = false;
  mutable std::optional<std::map<std::string, std::string>> form_;
  mutable std::optional<std::map<std::string, std::string>> query_;
  mutable std::optional<std::vector<Part>> parts_;  // set when the body is multipart
  bool multipart() const;
};
}  // namespace silian::http
