-- The order status page as one shopper sees it: the same requests as status.lua on a single
-- connection, so its latency is a request's own time. At 32 connections on two cores the p50
-- is mostly time spent queued (about connections / throughput); here it is not.
-- Arguments: the sample file and the number of threads (1).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "status.lua")
local common = dofile(dir .. "common.lua")

setup = common.setup
done = common.done("status page, one connection")
