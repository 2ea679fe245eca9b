#pragma once
// Runs the real `silian` binary: commands to completion, servers in the background,
// and a minimal HTTP/1.1 client for talking to them over TCP.
#include <map>
#include <string>
#include <vector>

namespace silian::test {
struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
CommandResult run_silian(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {});
// Any shell command (e.g. a conformance script), stdout and stderr together.
CommandResult run_command(const std::string& shell_command);

int free_port();

// The environment of a test site kept in `dir`: its own vault key, fast password hashing,
// and a server ticker every second.
std::map<std::string, std::string> site_env(const std::string& dir);
// A fresh directory whose SQLite database holds the demo district (`silian demo`).
struct DemoSite {
  std::string dir;
  std::string db;
  std::map<std::string, std::string> env;
};
DemoSite demo_site();  // throws when `silian demo` fails

class ServerProcess {
 public:
  ServerProcess(const std::string& db_url, const std::map<std::string, std::string>& env);
  ~ServerProcess();
  void kill_hard();  // SIGKILL, as a crash would
  int port() const { return port_; }
  const std::string& log_file() const { return log_; }

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string log_;
};

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie values joined by "\n"
  std::string body;
};
HttpResult http_request(int port, const std::string& method, const std::string& target,
                        const std::string& body = "",
                        const std::map<std::string, std::string>& headers = {});
std::string cookie_value(const HttpResult& r, const std::string& name);
}  // namespace silian::test
