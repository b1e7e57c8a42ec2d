-- The ceiling: the saved status page as a static file from the same server (load.sh puts it
-- at /bench-status.html in a copy of the site root).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

setup = common.setup
done = common.done("static page (ceiling)")

function request()
  return wrk.format("GET", "/bench-status.html")
end
