-- PUT /v1/users/{id} with the seed document's sample body; username and employee id are the
-- user's own (usernames are unique), the group is the seeded "West Coast Group". No password.
local dir = os.getenv("BENCH_WRK_DIR")
dofile(dir .. "/report.lua")
dofile(dir .. "/users.lua")
local group = os.getenv("BENCH_GROUP")
local template = [[{
  "allowVideoSearchDownload": false,
  "cellPhoneCountry": "US",
  "cellPhoneNumber": "+1234567890",
  "email": "email@email.com",
  "employeeId": "E%07d",
  "firstName": "John",
  "groupRoles": [ { "groupId": "%s", "roleId": 4 } ],
  "lastName": "Smith",
  "loginEnabled": true,
  "primaryGroupId": "%s",
  "status": "Active",
  "username": "j.smith.%d"
}]]

function request()
  local i = next_user()
  return wrk.format("PUT", "/v1/users/" .. ids[i], headers, string.format(template, i, group, group, i))
end
