-- GET a path with a random id: args are a format with one %d (e.g. "/v1/movies/%d"), and the
-- first and last id to draw from, uniformly.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local path, first, last

function init(args)
  common.seed()
  path, first, last = args[1], tonumber(args[2]), tonumber(args[3])
end

function request()
  return wrk.format("GET", string.format(path, math.random(first, last)))
end
