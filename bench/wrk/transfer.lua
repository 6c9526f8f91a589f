-- POST /v1/transfers of 0.01 EUR from a random bench user's wallet to another random bench
-- wallet, each with a new Idempotency-Key. Args: tokens file, first account id, last id.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local tokens, first, last
local sent = 0

function init(args)
  common.seed()
  tokens = common.read_tokens(args[1])
  first, last = tonumber(args[2]), tonumber(args[3])
end

function request()
  local user = tokens[math.random(#tokens)]
  local to = math.random(first, last)
  if to == user.account then
    to = (to == last) and first or to + 1
  end
  sent = sent + 1
  local key = string.format("wrk-%d-%d-%d", thread_id or 0, sent, math.random(1, 2 ^ 30))
  local body = string.format(
    '{"from_account_id":%d,"to_account_id":%d,"amount":1,"currency":"EUR"}', user.account, to)
  return wrk.format("POST", "/v1/transfers", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. user.token,
    ["Idempotency-Key"] = key,
  }, body)
end
