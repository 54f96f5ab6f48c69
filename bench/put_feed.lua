-- wrk script: PUT a new two-sided feeding session with a fresh client UUID on every request.
local path_base = os.getenv("TIA_BENCH_BASE")   -- /api/v1/mothers/<id>/feeds/
local token = os.getenv("TIA_BENCH_TOKEN")
local close = os.getenv("TIA_BENCH_CLOSE") == "1"
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

local function uuid()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (t:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

local body = '{"occurred_at":"2026-11-25T03:00:00+07:00","segments":[' ..
  '{"type":"breast","side":"left","start":"2026-11-25T03:00:00+07:00","end":"2026-11-25T03:12:00+07:00",' ..
  '"pauses":[{"start":"2026-11-25T03:05:00+07:00","end":"2026-11-25T03:06:00+07:00"}]},' ..
  '{"type":"breast","side":"right","start":"2026-11-25T03:13:00+07:00","end":"2026-11-25T03:22:00+07:00"},' ..
  '{"type":"bottle","milk":"expressed_breast_milk","volume_ml":30}]}'

request = function()
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  if close then headers["Connection"] = "close" end
  return wrk.format("PUT", path_base .. uuid(), headers, body)
end
