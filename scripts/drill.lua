-- The failover drill's load (scripts/drill): customers who look at a random drill screening,
-- book two seats (best available) on one and then pay for the booking from their wallet.
-- Args: users file (lines "<access token> <wallet id> <user id>"), first screening id, last
-- screening id, log prefix. Each thread logs every answer to "<prefix><thread>.log" as
-- "<unix ms> <status> <kind> <id>": kind `booking` or `payment` for a 201 (id: what was
-- created), `screening` for a catalog read, else the problem's `code` (id 0); the drill reads
-- these lines back. One request in four reads a screening (browsing, served by
-- DATABASE_READ_URL's standbys). After a 503, the thread's connections wait out its
-- Retry-After, as a well-behaved client does.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "../bench/wrk/?.lua;" .. package.path
local common = require("common")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } drill_timespec;
  int clock_gettime(int clock, drill_timespec *ts);
]]
setup = common.setup

local users, by_id, first, last, log
-- Bookings made and not yet paid, oldest first: {id, user}, at unpaid[head .. tail]. (Not
-- `#unpaid`: the length of a table with holes is any of its borders.)
local unpaid, head, tail = {}, 1, 0
local clock = ffi.new("drill_timespec")
-- No request is sent before this time (unix ms): a 503's Retry-After.
local backoff_until = 0

local function now_ms()
  ffi.C.clock_gettime(0, clock) -- CLOCK_REALTIME: the drill compares with time.time()
  return tonumber(clock.tv_sec) * 1000 + math.floor(tonumber(clock.tv_nsec) / 1e6)
end

function init(args)
  common.seed()
  users, by_id = {}, {}
  for line in io.lines(args[1]) do
    local token, wallet, id = line:match("^(%S+)%s+(%d+)%s+(%d+)$")
    local user = { token = token, wallet = tonumber(wallet), id = tonumber(id) }
    users[#users + 1] = user
    by_id[user.id] = user
  end
  first, last = tonumber(args[2]), tonumber(args[3])
  log = io.open(string.format("%s%d.log", args[4], thread_id), "w")
  log:setvbuf("line")
end

local function post(path, user, body, key)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. user.token,
    ["Idempotency-Key"] = key,
  }, body)
end

function delay()
  return math.max(0, backoff_until - now_ms())
end

function request()
  if head <= tail then
    local booking = unpaid[head]
    unpaid[head] = nil
    head = head + 1
    -- One key per booking: a retried payment cannot pay twice.
    return post("/v1/payments", booking.user, string.format(
      '{"booking_id":%d,"account_id":%d}', booking.id, booking.user.wallet),
      "drill-pay-" .. booking.id)
  end
  if math.random(4) == 1 then
    return wrk.format("GET", string.format("/v1/screenings/%d", math.random(first, last)))
  end
  local user = users[math.random(#users)]
  return post("/v1/bookings", user, string.format(
    '{"screening_id":%d,"seats":2}', math.random(first, last)))
end

function response(status, headers, body)
  local kind, id = body:match('"code":"([%w_]+)"') or "unknown", 0
  if status == 503 then
    local seconds = tonumber(headers["Retry-After"] or headers["retry-after"] or "1") or 1
    backoff_until = math.max(backoff_until, now_ms() + seconds * 1000)
  end
  if status == 200 and body:find('"starts_at"', 1, true) then
    kind = "screening"
  elseif status == 201 then
    if body:find('"transfer_id"', 1, true) then
      kind = "payment"
      id = tonumber(body:match('"id":(%d+)'))
    else
      kind = "booking"
      id = tonumber(body:match('"id":(%d+)'))
      local user = by_id[tonumber(body:match('"user_id":(%d+)'))]
      tail = tail + 1
      unpaid[tail] = { id = id, user = user }
    end
  end
  log:write(string.format("%d %d %s %d\n", now_ms(), status, kind, id))
end
