-- wrk script for bench/portal_bench.py: cycles over the paths listed in a file (one a line),
-- each thread starting at its own offset, and counts every response that is not 2xx.
--   wrk -t2 -c16 -d10s --latency -s bench/paths.lua http://127.0.0.1:8000 -- paths.txt
-- done() prints one line "BENCH {json}" that portal_bench.py parses.
-- With WRK_USER_AGENT set, every request carries that agent followed by a number of its own, so
-- that each request is a new reader to the portal's reach counter (bench/reach_bench.py).
-- With WRK_FORWARDED=<n> instead, requests come "through the TLS proxy" (X-Forwarded-Proto: https)
-- each from an address of its own (X-Forwarded-For: 2001:db8:<n>:<thread>::<count>), with one of a
-- few common browser agents: each request a new reader, as from many people behind the proxy.

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
  forwarded = os.getenv("WRK_FORWARDED")
  sent = 0
end

local browsers = {
  "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
}

function request()
  counter = counter + 1
  if counter > #paths then
    counter = 1
  end
  if forwarded then
    sent = sent + 1
    return wrk.format("GET", paths[counter], {
      ["User-Agent"] = browsers[(sent % #browsers) + 1],
      ["X-Forwarded-Proto"] = "https",
      ["X-Forwarded-For"] = string.format("2001:db8:%s:%x::%x", forwarded, id, sent),
    })
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
