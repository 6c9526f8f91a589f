-- GET a path with a random id: args are a format with one %d (e.g. "/v1/movies/%d"), and the
-- first and last id to draw from, uniformly; an optional fourth is sent as If-None-Match (a
-- conditional GET, answered 304 while the copy is current).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local path, first, last, headers
not_modified = 0

setup = common.setup

function init(args)
  common.seed()
  path, first, last = args[1], tonumber(args[2]), tonumber(args[3])
  headers = args[4] and { ["If-None-Match"] = args[4] } or nil
end

function request()
  return wrk.format("GET", string.format(path, math.random(first, last)), headers)
end

function response(status)
  if status == 304 then
    not_modified = not_modified + 1
  end
end

function done()
  common.report("not_modified", "not modified")
end
