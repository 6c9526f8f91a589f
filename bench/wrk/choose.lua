-- POST /v1/bookings, chosen seats: two adjacent seats at random of the hot screening, as a
-- random bench user. Taken seats and lone-seat gaps answer 409, expected under this load:
-- the script counts them (printed as "conflicts: N") apart from errors.
-- Args: tokens file, screening id, rows, seats per row.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local tokens, screening, rows, seats
conflicts = 0

setup = common.setup

function init(args)
  common.seed()
  tokens = common.read_tokens(args[1])
  screening, rows, seats = tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
end

-- A, B, ..., Z, AA, AB, ...: the row labels of migrations/000012 (row_label).
local function row_label(index)
  local label = ""
  while index > 0 do
    local digit = (index - 1) % 26
    label = string.char(65 + digit) .. label
    index = (index - 1 - digit) / 26
  end
  return label
end

function request()
  local user = tokens[math.random(#tokens)]
  local row = row_label(math.random(rows))
  local first = math.random(seats - 1)
  local body = string.format('{"screening_id":%d,"seat_labels":["%s%d","%s%d"]}', screening,
    row, first, row, first + 1)
  return wrk.format("POST", "/v1/bookings", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. user.token,
  }, body)
end

function response(status)
  if status == 409 then
    conflicts = conflicts + 1
  end
end

function done()
  common.report("conflicts", "conflicts")
end
