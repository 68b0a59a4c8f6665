-- POST /api/auth/user: the password hash (Argon2id, 19 MiB, 2 passes) dominates.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local body = string.format('{"username": "%s", "password": "%s"}', os.getenv("BENCH_ADMIN"), os.getenv("BENCH_PASSWORD"))

function request()
  return wrk.format("POST", "/api/auth/user", { ["Content-Type"] = "application/json" }, body)
end
