-- Shoppers cancelling their orders: each request cancels another generated order
-- (cancel.txt: number token version) with its own verified session, posted as the cancel
-- form does with JavaScript (a refusal answers with its status, so it counts as non-2xx).
-- Thread n takes records n, n + threads, …; a thread that runs out stops and counts the
-- requests it could not fill in `exhausted` (the rate is then a lower bound: load.sh says so).
-- Arguments: the sample file and the number of threads.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

setup = common.setup
done = common.done("cancellation POST")

local orders, next_index, step
exhausted = 0

function init(args)
  orders = common.read(args[1])
  step = tonumber(args[2])
  next_index = id + 1 - step
end

function request()
  next_index = next_index + step
  local o = orders[next_index]
  if o == nil then
    exhausted = exhausted + 1
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  return wrk.format("POST", "/fn/cancel_order", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "portal_sid=" .. o[2],
  }, "number=" .. o[1] .. "&version=" .. o[3] .. "&reason=changed_mind&other=")
end
