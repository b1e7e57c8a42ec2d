-- POST /api/v1/estimates: a cart of 1–3 random products (skus.txt) and one of the shop's
-- shipping methods. Arguments: the sample file, the number of threads and the API token.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

setup = common.setup
done = common.done("POST /api/v1/estimates")

local skus, headers
local methods = { "mailbox", "standard-eu" }

function init(args)
  skus = common.read(args[1])
  headers = {
    ["Authorization"] = "Bearer " .. args[3],
    ["Content-Type"] = "application/json",
  }
  math.randomseed(os.time() + id)
end

function request()
  local lines = {}
  for i = 1, math.random(1, 3) do
    lines[i] = string.format('{"sku":"%s","quantity":%d}', skus[math.random(#skus)][1],
      math.random(1, 2))
  end
  local body = string.format('{"placed_at":"%s","shipping_method":"%s","lines":[%s]}',
    os.date("!%Y-%m-%dT%H:%M:%SZ"), methods[math.random(#methods)], table.concat(lines, ","))
  return wrk.format("POST", "/api/v1/estimates", headers, body)
end
