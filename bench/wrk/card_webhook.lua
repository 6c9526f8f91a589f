-- POST /v1/providers/stripe/webhook: Stripe's payment_intent.succeeded events for the card
-- payments the harness opened, signed by the harness (Lua has no HMAC) one per line as
-- "<Stripe-Signature>\t<body>". Each wrk thread sends the lines of its own residue, in order;
-- past the last it starts again (the repeats are answered `duplicate`).
-- Args: events file, threads.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local events = {}
local at = 0

function init(args)
  local threads = tonumber(args[2] or "2")
  local n = 0
  for line in io.lines(args[1]) do
    if n % threads == (thread_id or 1) - 1 then
      local signature, body = line:match("^([^\t]+)\t(.*)$")
      events[#events + 1] = { signature = signature, body = body }
    end
    n = n + 1
  end
end

function request()
  at = at % #events + 1
  local event = events[at]
  return wrk.format("POST", "/v1/providers/stripe/webhook", {
    ["Content-Type"] = "application/json; charset=utf-8",
    ["Stripe-Signature"] = event.signature,
  }, event.body)
end
