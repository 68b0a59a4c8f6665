-- PUT /v1/users/{id} with the seed document's sample body; username and employee id are the
-- user's own (usernames are unique), the group is the seeded "West Coast Group". No password.
-- With BENCH_PUT_CHANGES set, every request also gives the user a new first name, so each PUT is a change
-- with an event (the same body twice is a write that changed nothing: audit entry, no event).
local dir = os.getenv("BENCH_WRK_DIR")
dofile(dir .. "/report.lua")
dofile(dir .. "/users.lua")
local group = os.getenv("BENCH_GROUP")
local changes = os.getenv("BENCH_PUT_CHANGES")
local run = os.time() -- each wrk run (warm-up, measured) names users anew, so its PUTs change them
local template = [[{
  "allowVideoSearchDownload": false,
  "cellPhoneCountry": "US",
  "cellPhoneNumber": "+1234567890",
  "email": "email@email.com",
  "employeeId": "E%07d",
  "firstName": "%s",
  "groupRoles": [ { "groupId": "%s", "roleId": 4 } ],
  "lastName": "Smith",
  "loginEnabled": true,
  "primaryGroupId": "%s",
  "status": "Active",
  "username": "j.smith.%d"
}]]

function request()
  local i = next_user()
  local first = changes and string.format("John %d-%d-%d", run, thread_number or 0, counter) or "John"
  return wrk.format("PUT", "/v1/users/" .. ids[i], headers, string.format(template, i, first, group, group, i))
end
