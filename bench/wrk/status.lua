-- The order status page for a verified session: each request is one of the generated
-- sessions (view.txt: number token), round robin, so reads spread over the whole table.
-- Arguments: the sample file and the number of threads.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

setup = common.setup
done = common.done("order status page")

local sessions, next_index

function init(args)
  sessions = common.read(args[1])
  -- The threads start at different sessions so they do not read the same orders in step.
  next_index = id * math.floor(#sessions / tonumber(args[2]))
end

function request()
  next_index = next_index % #sessions + 1
  local s = sessions[next_index]
  return wrk.format("GET", "/orders/" .. s[1], { ["Cookie"] = "portal_sid=" .. s[2] })
end
