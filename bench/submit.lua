-- wrk script: Open311 submissions (POST /open311/v2/requests.json), form-encoded, one
-- of the descriptions in bench/descriptions.txt per request, as a client such as a
-- city hotline's would send them. SILIAN_BENCH_KEY and SILIAN_BENCH_DESCRIPTIONS come
-- from bench/run.sh.
local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local key = os.getenv("SILIAN_BENCH_KEY") or ""
local bodies = {}
for line in io.lines(os.getenv("SILIAN_BENCH_DESCRIPTIONS")) do
  if line ~= "" then
    bodies[#bodies + 1] = "api_key=" .. encode(key) .. "&service_code=noise&" ..
        encode("attribute[community]") .. "=guangyi-jiayuan&description=" .. encode(line)
  end
end
local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
local n = 0

request = function()
  n = n + 1
  return wrk.format("POST", "/open311/v2/requests.json", headers, bodies[n % #bodies + 1])
end

dofile(os.getenv("SILIAN_BENCH_DIR") .. "/report.lua")
