-- GET /v1/users/{id} over many users.
local dir = os.getenv("BENCH_WRK_DIR")
dofile(dir .. "/report.lua")
dofile(dir .. "/users.lua")

function request()
  return wrk.format("GET", "/v1/users/" .. ids[next_user()], headers)
end
