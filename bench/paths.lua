-- wrk script for bench/portal_bench.py: cycles over the paths listed in a file (one a line),
-- each thread starting at its own offset, and counts every response that is not 2xx.
--   wrk -t2 -c16 -d10s --latency -s bench/paths.lua http://127.0.0.1:8000 -- paths.txt
-- done() prints one line "BENCH {json}" that portal_bench.py parses.
-- With WRK_USER_AGENT set, every request carries that agent followed by a number of its own, so
-- that each request is a new reader to the portal's reach counter (bench/reach_bench.py).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no paths in " .. tostring(args[1]))
  end
  -- spread the threads over the list so they do not ask for the same page at the same time
  counter = math.floor(id * #paths / 2) % #paths
  non2xx = 0
  first_bad = ""
  agent = os.getenv("WRK_USER_AGENT")
  sent = 0
end

function request()
  counter = counter + 1
  if counter > #paths then
    counter = 1
  end
  if agent then
    sent = sent + 1
    return wrk.format("GET", paths[counter], {["User-Agent"] = agent .. " r" .. id .. "-" .. sent})
  end
  return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == "" then
      first_bad = status .. " " .. paths[counter]
    end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, ""
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    if first == "" then
      first = t:get("first_bad")
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"non2xx": %d, "first_bad": "%s", "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, bad, first, e.connect, e.read, e.write, e.timeout))
end
