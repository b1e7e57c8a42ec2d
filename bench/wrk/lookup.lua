-- The lookup form posted as a script would (errors then answer with their
-- status instead of a redirect): order number + email of a generated order (lookup.txt),
-- without a session cookie, so each request also starts a session. Every request comes from
-- another address (X-Forwarded-For; load.sh sets APP_TRUST_PROXY), as many shoppers would.
-- Arguments: the sample file and the number of threads.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

setup = common.setup
done = common.done("lookup POST")

local orders, next_index

function init(args)
  orders = common.read(args[1])
  next_index = id * math.floor(#orders / tonumber(args[2]))
  math.randomseed(os.time() + id)
end

function request()
  next_index = next_index % #orders + 1
  local o = orders[next_index]
  local body = "order_number=" .. o[1] .. "&email=" .. o[2]:gsub("@", "%%40")
  return wrk.format("POST", "/fn/lookup", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
      math.random(0, 255), math.random(1, 254)),
  }, body)
end
