#include "process/process_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "support/test_platform.hpp"

namespace silian::test {
namespace {
std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

CommandResult run_silian(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env) {
  std::string cmd;
  for (const auto& [k, v] : env) cmd += k + "=" + shell_quote(v) + " ";
  cmd += shell_quote(SILIAN_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  return run_command(cmd);
}

CommandResult run_command(const std::string& shell_command) {
  std::string cmd = shell_command + " 2>&1";
  CommandResult result;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::map<std::string, std::string> site_env(const std::string& dir) {
  return {{"SILIAN_SECRET_FILE", dir + "/secret.key"},
          {"SILIAN_PASSWORD_COST", "minimal"},
          {"SILIAN_TICK_SECONDS", "1"}};
}

DemoSite demo_site() {
  DemoSite site;
  site.dir = temp_dir();
  site.db = "sqlite:" + site.dir + "/silian.db";
  site.env = site_env(site.dir);
  auto loaded = run_silian({"demo", "--db", site.db}, site.env);
  if (loaded.exit_code != 0) throw std::runtime_error("silian demo failed: " + loaded.output);
  return site;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

ServerProcess::ServerProcess(const std::string& db_url,
                             const std::map<std::string, std::string>& env) {
  port_ = free_port();
  log_ = temp_dir() + "/server.log";
  pid_ = fork();
  if (pid_ == 0) {
    int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::string listen = "127.0.0.1:" + std::to_string(port_);
    execl(SILIAN_BINARY, SILIAN_BINARY, "serve", "--db", db_url.c_str(), "--listen", listen.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    try {
      if (http_request(port_, "GET", "/healthz").status == 200) return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("silian serve did not become healthy; see " + log_);
}

void ServerProcess::kill_hard() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill_hard();
  }
}

HttpResult http_request(int port, const std::string& method, const std::string& target,
                        const std::string& body,
                        const std::map<std::string, std::string>& headers) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("connect failed");
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST")
    req += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  ::send(fd, req.data(), req.size(), 0);
  std::string raw;
  char buf[8192];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) raw.append(buf, static_cast<std::size_t>(n));
  close(fd);
  HttpResult r;
  auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) throw std::runtime_error("malformed response");
  std::string head = raw.substr(0, head_end);
  r.body = raw.substr(head_end + 4);
  r.status = std::stoi(head.substr(9, 3));
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos < head.size()) {
    auto next = head.find("\r\n", pos + 2);
    auto line = head.substr(pos + 2, (next == std::string::npos ? head.size() : next) - pos - 2);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      auto& slot = r.headers[name];
      slot += (slot.empty() ? "" : "\n") + value;
    }
    pos = next;
  }
  return r;
}

std::string cookie_value(const HttpResult& r, const std::string& name) {
  auto it = r.headers.find("set-cookie");
  if (it == r.headers.end()) return "";
  std::size_t start = 0;
  while (start < it->second.size()) {
    auto end = it->second.find('\n', start);
    if (end == std::string::npos) end = it->second.size();
    auto line = it->second.substr(start, end - start);
    if (line.starts_with(name + "="))
      return line.substr(name.size() + 1, line.find(';') - name.size() - 1);
    start = end + 1;
  }
  return "";
}
}  // namespace silian::test
