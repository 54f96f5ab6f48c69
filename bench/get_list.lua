-- wrk script: GET the 20 newest feeding sessions of a mother holding 2,000.
local path = os.getenv("TIA_BENCH_PATH")
local token = os.getenv("TIA_BENCH_TOKEN")
local close = os.getenv("TIA_BENCH_CLOSE") == "1"
request = function()
  local headers = {["Authorization"] = "Bearer " .. token}
  if close then headers["Connection"] = "close" end
  return wrk.format("GET", path, headers)
end
