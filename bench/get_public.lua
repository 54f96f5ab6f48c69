-- wrk script: GET a public page without signing in (a library article page, a search).
local path = os.getenv("TIA_BENCH_PATH")
local close = os.getenv("TIA_BENCH_CLOSE") == "1"
request = function()
  local headers = {}
  if close then headers["Connection"] = "close" end
  return wrk.format("GET", path, headers)
end
