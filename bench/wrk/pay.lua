-- POST /v1/payments: each bench user pays its own pending bookings from its wallet, one after
-- the other, all into the box office's EUR revenue. The harness made the bookings with ids
-- first + user + users * k (k = 0, 1, …); each wrk thread takes the users of its own residue,
-- so no two requests pay one booking. Args: tokens file, first booking id, users.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local tokens, first, users
local mine, next_of = {}, {}
local sent = 0

function init(args)
  common.seed()
  tokens = common.read_tokens(args[1])
  first, users = tonumber(args[2]), tonumber(args[3])
  local threads = tonumber(args[4] or "2")
  for user = 0, users - 1 do
    if user % threads == (thread_id or 1) - 1 then
      mine[#mine + 1] = user
      next_of[user] = 0
    end
  end
end

function request()
  local user = mine[math.random(#mine)]
  local booking = first + user + users * next_of[user]
  next_of[user] = next_of[user] + 1
  sent = sent + 1
  local body = string.format('{"booking_id":%d,"account_id":%d}', booking,
    tokens[user + 1].account)
  return wrk.format("POST", "/v1/payments", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[user + 1].token,
    ["Idempotency-Key"] = string.format("wrk-pay-%d-%d", booking, math.random(1, 2 ^ 30)),
  }, body)
end
