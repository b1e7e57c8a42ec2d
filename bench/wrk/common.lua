-- Shared by the wrk scripts: reading a sample file, numbering the threads and printing one
-- machine-readable result line (load.sh builds its table from these).
local common = {}

-- The records of a sample file written by bench/generate.sh: one per line, fields split on
-- spaces.
function common.read(path)
  local records = {}
  for line in io.lines(path) do
    local fields = {}
    for field in line:gmatch("%S+") do
      fields[#fields + 1] = field
    end
    records[#records + 1] = fields
  end
  assert(#records > 0, "no records in " .. path)
  return records
end

-- Runs in the main state once per thread, before the thread's init: gives each thread its
-- number (global `id` there, from 0) and keeps the thread for `done`.
local threads = {}
function common.setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

-- The `done` hook: requests, duration (µs), req/s, p50 and p99 (ms), responses that were
-- not 2xx/3xx, socket errors, and how many requests each thread's `exhausted` counter saw.
function common.done(name)
  return function(summary, latency, requests)
    local exhausted = 0
    for _, thread in ipairs(threads) do
      exhausted = exhausted + (thread:get("exhausted") or 0)
    end
    local e = summary.errors
    io.write(string.format("RESULT\t%s\t%d\t%d\t%.1f\t%.2f\t%.2f\t%d\t%d\t%d\n", name,
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status,
      e.connect + e.read + e.write + e.timeout, exhausted))
  end
end

return common
