#pragma once
// One request through the middleware: request id, language, session, CSRF, the
// route's permission, the handler, and one error policy. Independent of the network
// server, so tests drive it in-process against a real database.
#include "silian/platform/http/request.hpp"

namespace silian {
struct Platform;
}

namespace silian::http {
Response dispatch(Platform& platform, const Request& request);
}  // namespace silian::http
