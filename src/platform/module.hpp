#pragma once
// A capability module's manifest. The platform knows modules only through this: it
// never names one. src/app lists the modules it registers, explicitly.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "silian/platform/auth/permissions.hpp"
#include "silian/platform/jobs/job_queue.hpp"

namespace silian::http {
class Router;
}

namespace silian {
struct Platform;

struct NavEntry {
  std::string label_key;
  std::string href;
  std::string permission;
};

// A counter on the workbench ("3 registrations to verify").
struct Counter {
  std::string label_key;
  std::int64_t value = 0;
  std::string href;
  bool alert = false;  // shown in red (overdue, waiting)
};

struct ExportFile {
  std::string filename;
  std::string content_type;
  std::string body;
};

struct ExportDecl {
  std::string name;
  std::string label_key;
  std::string permission;
  std::function<ExportFile(Platform&, const auth::Principal&)> build;
};

struct Module {
  std::string name;
  std::string migrations;           // asset prefix of its NNNN_name.sql files
  std::vector<std::string> tables;  // in dependency order, for backup and restore
  std::vector<auth::PermissionDecl> permissions;
  std::function<void(http::Router&)> routes;
  std::vector<std::pair<std::string, jobs::Handler>> jobs;
  std::vector<NavEntry> nav;
  std::function<std::vector<Counter>(Platform&, const auth::Principal&)> stats;
  std::vector<ExportDecl> exports;
  // Loads this module's part of the demo district; runs inside the demo transaction.
  std::function<void(Platform&, db::Lease&)> seed;
  // Rebuilds derived data (search indexes) after a restore replaced the tables.
  std::function<void(Platform&, db::Lease&)> after_restore;
};
}  // namespace silian
