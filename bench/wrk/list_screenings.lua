-- GET /v1/screenings?movie_id={id} (a page of 20). Args: first movie id, last movie id.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local first, last

function init(args)
  common.seed()
  first, last = tonumber(args[1]), tonumber(args[2])
end

function request()
  return wrk.format("GET", "/v1/screenings?limit=20&movie_id=" .. math.random(first, last))
end
