#pragma once
// The network server: RESTinio on a thread pool, adapted to dispatch(). Blocks until
// SIGINT/SIGTERM.
#include <string>

namespace silian {
struct Platform;
}

namespace silian::http {
void serve(Platform& platform, const std::string& host, unsigned short port);
}  // namespace silian::http
