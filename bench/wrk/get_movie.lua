-- GET /v1/movies/{id}, ids uniform over the catalog. Args: first id, last id.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local first, last

function init(args)
  common.seed()
  first, last = tonumber(args[1]), tonumber(args[2])
end

function request()
  return wrk.format("GET", "/v1/movies/" .. math.random(first, last))
end
