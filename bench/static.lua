-- wrk script: the ceiling, nginx serving a small static file.
local close = os.getenv("TIA_BENCH_CLOSE") == "1"
request = function()
  local headers = {}
  if close then headers["Connection"] = "close" end
  return wrk.format("GET", "/ping.json", headers)
end
