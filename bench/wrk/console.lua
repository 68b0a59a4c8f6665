-- GET /console/users signed in (the cookies of bench/console-signin.py in $BENCH_COOKIE): the users list as a
-- person first sees it, a whole server-rendered page (its first 50 users by name, their roles, the filters).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")

function request()
  return wrk.format("GET", "/console/users")
end
