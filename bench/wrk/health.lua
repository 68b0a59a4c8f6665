-- GET /health/live: the HTTP stack's own ceiling on this machine.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
