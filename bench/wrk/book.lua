-- POST /v1/bookings, best available (`seats`, default 2), as a random bench user, on a
-- screening drawn uniformly from [first, last] (first = last: the hot screening).
-- Args: tokens file, first id, last id, seats.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local tokens, first, last, seats

function init(args)
  common.seed()
  tokens = common.read_tokens(args[1])
  first, last = tonumber(args[2]), tonumber(args[3])
  seats = tonumber(args[4] or "2")
end

function request()
  local user = tokens[math.random(#tokens)]
  local body = string.format('{"screening_id":%d,"seats":%d}', math.random(first, last), seats)
  return wrk.format("POST", "/v1/bookings", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. user.token,
  }, body)
end
