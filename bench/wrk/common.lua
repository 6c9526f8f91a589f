-- Shared by the wrk scripts: per-thread seeding and the bench users' tokens.
local common = {}
-- The threads wrk made, in order (common.report reads their counters).
local threads = {}

function common.setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_id", #threads)
end

function common.seed()
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
end

-- Lines of "<access token> <account id>".
function common.read_tokens(path)
  local tokens = {}
  for line in io.lines(path) do
    local token, account = line:match("^(%S+)%s+(%d+)$")
    tokens[#tokens + 1] = { token = token, account = tonumber(account) }
  end
  return tokens
end

-- At the end of a run: the global counter `name` summed over the threads, printed as
-- "<label>: N" for bench/run.py to read.
function common.report(name, label)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get(name)
  end
  io.write(string.format("%s: %d\n", label, total))
end

return common
