-- GET /v1/users?searchText=<an employee id>: each search matches one user of the company, so
-- the answer's size does not grow with the company and latency shows the search itself.
local dir = os.getenv("BENCH_WRK_DIR")
dofile(dir .. "/report.lua")
no_ids = true
dofile(dir .. "/users.lua")

function request()
  return wrk.format("GET", string.format("/v1/users?searchText=e%07d", next_user()), headers)
end
