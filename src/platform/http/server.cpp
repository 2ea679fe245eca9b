#include "silian/platform/http/server.hpp"

#include <netdb.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>
#include <algorithm>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <restinio/all.hpp>

#include "silian/platform/http/dispatcher.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/platform.hpp"

namespace silian::http {
namespace {
// RESTinio does not return cleanly when it cannot bind (its pool threads are left
// waiting), so the address is tried first and a clear error thrown instead.
void ensure_can_listen(const std::string& host, unsigned short port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found)
    throw std::runtime_error("cannot resolve listen address " + host);
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> guard(found, &freeaddrinfo);
  int fd = socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  if (fd < 0)
    throw std::runtime_error(std::string("cannot open a socket: ") + std::strerror(errno));
  int yes = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // as RESTinio binds
  int rc = bind(fd, found->ai_addr, found->ai_addrlen);
  int err = errno;
  close(fd);
  if (rc != 0)
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             std::strerror(err));
}

constexpr std::size_t k_max_body = 8 * 1024 * 1024;

Request adapt(const restinio::request_handle_t& req) {
  Request r;
  const auto& h = req->header();
  r.method = std::string(h.method().c_str());
  r.path = url_decode(std::string(h.path()), false);
  r.query = std::string(h.query());
  r.body = req->body();
  h.for_each_field([&r](const restinio::http_header_field_t& f) {
    std::string name = f.name();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto [it, inserted] = r.headers.emplace(name, f.value());
    if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + f.value();
  });
  r.remote_ip = req->remote_endpoint().address().to_string();
  return r;
}

std::string reason_for(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

struct Traits : public restinio::default_traits_t {
  using logger_t = restinio::null_logger_t;
};
}  // namespace

void serve(Platform& platform, const std::string& host, unsigned short port) {
  auto handler = [&platform](const restinio::request_handle_t& req) {
    Request request = adapt(req);
    Response response;
    if (request.body.size() > k_max_body) {
      response = Response::text(413, "request body too large\n", "text/plain; charset=utf-8");
    } else {
      response = dispatch(platform, request);
    }
    auto out = req->create_response(restinio::http_status_line_t(
        restinio::http_status_code_t(static_cast<std::uint16_t>(response.status)),
        reason_for(response.status)));
    out.append_header(restinio::http_field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out.append_header(name, value);
    out.set_body(std::move(response.body));
    return out.done();
  };
  auto settings = restinio::on_thread_pool<Traits>(platform.config.threads)
                      .address(host)
                      .port(port)
                      .max_pipelined_requests(4)
                      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                    .max_body_size(k_max_body)
                                                    .max_field_count(100)
                                                    .max_field_value_size(16 * 1024)
                                                    .max_url_size(8 * 1024))
                      .read_next_http_message_timelimit(std::chrono::seconds(30))
                      .handle_request_timeout(std::chrono::seconds(60))
                      .request_handler(std::move(handler));
  ensure_can_listen(host, port);
  spdlog::info("event=serving url=http://{}:{}", host, port);
  restinio::run(std::move(settings));
}
}  // namespace silian::http
