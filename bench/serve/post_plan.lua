-- wrk script: POST the plan named by $EHCP_PLAN (read once) to the URL's endpoint.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/xml"
local file = assert(io.open(os.getenv("EHCP_PLAN"), "rb"))
wrk.body = file:read("*a")
file:close()

-- Any answer other than the expected status counts as an error in the summary.
local expected = tonumber(os.getenv("EHCP_STATUS") or "200")
local unexpected = 0
response = function(status, headers, body)
  if status ~= expected then unexpected = unexpected + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.3f p99_ms=%.3f requests=%d\n",
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests))
end
