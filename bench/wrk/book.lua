-- POST /v1/bookings, one seat, as a random bench user, on a screening drawn uniformly from
-- [first, last] (first = last: the hot screening). Args: tokens file, first id, last id.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local tokens, first, last

function init(args)
  common.seed()
  tokens = common.read_tokens(args[1])
  first, last = tonumber(args[2]), tonumber(args[3])
end

function request()
  local user = tokens[math.random(#tokens)]
  local body = string.format('{"screening_id":%d,"seats":1}', math.random(first, last))
  return wrk.format("POST", "/v1/bookings", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. user.token,
  }, body)
end
