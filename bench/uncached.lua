-- wrk script: every request asks for the page under a URL no request asked for before
-- (a `nocache` parameter the server ignores), so no answer comes from the page cache
-- (ADR 0012): what rendering the page every time costs, and what a search really takes.
dofile(os.getenv("SILIAN_BENCH_DIR") .. "/report.lua")

local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_number", next_thread)
end

local n = 0
request = function()
  n = n + 1
  local separator = wrk.path:find("?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "nocache=" .. (thread_number or 0) .. "-" .. n)
end
