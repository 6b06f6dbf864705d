-- wrk script: each request POSTs a new annotation (a fresh urn:uuid id, so every
-- request is a write, never a replay) to the container given on wrk's command line.
-- The token comes from $EXHIBIT_TOKEN.
local token = os.getenv("EXHIBIT_TOKEN") or ""
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919)
end

local function uuid()
  return (("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"):gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

local sha = string.rep("ab", 32)

request = function()
  local body = string.format('{"id":"urn:uuid:%s","type":"Annotation","body":{"tag":"key-passage","note":"load"},'
    .. '"target":{"source":"outputs/run1.txt","sha256":"%s","selector":[{"type":"TextPositionSelector","start":0,"end":10},'
    .. '{"type":"TextQuoteSelector","exact":"0123456789","prefix":"","suffix":""}]}}', uuid(), sha)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/ld+json", ["Authorization"] = "Bearer " .. token }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d status, %d connect, %d read, %d write, %d timeout\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
