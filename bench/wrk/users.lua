-- Loads the seeded user ids ($BENCH_IDS, one per line; line i is seeded user i) and gives
-- each wrk thread its own starting point, so requests spread over many users. A script that
-- names users by number only (search, SCIM filters) sets no_ids first and gives $BENCH_USERS:
-- 10,000,000 ids would not fit in each thread's Lua state.
ids = {}
if no_ids then
  limit = tonumber(os.getenv("BENCH_USERS"))
else
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  limit = tonumber(os.getenv("BENCH_USERS") or #ids)
  if limit > #ids then limit = #ids end
end
token = os.getenv("BENCH_TOKEN")
headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

local threads = 0
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

counter = 0
function next_user()
  counter = counter + 1
  -- a stride that is prime to the number of users visits them all, in an order that differs per thread
  return ((counter * 7919 + (thread_number or 0) * 104729) % limit) + 1
end
