-- GET /scim/v2/Users?filter=... with the four filters identity providers send, in turn: userName eq (one
-- user), externalId eq and emails.value eq (no user has them: the index probe alone), meta.lastModified gt
-- (the users changed in the last second). Each stays indexed whatever the company's size. The SCIM client's
-- token is $BENCH_SCIM_TOKEN.
local dir = os.getenv("BENCH_WRK_DIR")
dofile(dir .. "/report.lua")
no_ids = true
dofile(dir .. "/users.lua")
local scim_headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_SCIM_TOKEN") }

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local i = next_user()
  local kind = counter % 4
  local filter
  if kind == 0 then
    filter = string.format('userName eq "j.smith.%d"', i)
  elseif kind == 1 then
    filter = string.format('externalId eq "bench-%d"', i)
  elseif kind == 2 then
    filter = string.format('emails.value eq "j.smith.%d@example.com"', i)
  else
    filter = 'meta.lastModified gt "' .. os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 1) .. '"'
  end
  return wrk.format("GET", "/scim/v2/Users?filter=" .. encode(filter), scim_headers)
end
