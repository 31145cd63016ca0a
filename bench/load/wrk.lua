-- One request shape for wrk: a GET of the URL's path, or (with BODY_FILE) a POST of that file's JSON with a new
-- Idempotency-Key each time; TOKEN is the bearer token. Prints one RESULT line for load.py to read.
-- In the body, @@NHS@@ becomes a valid NHS number and @@SURNAME@@ a surname, both new each time: a council's
-- referrals are about many children, and one child named in thousands of referrals is not a load anyone meets.
local token = os.getenv("TOKEN") or ""
local body_file = os.getenv("BODY_FILE")
local body = nil
if body_file and #body_file > 0 then
  local file = assert(io.open(body_file, "rb"))
  body = file:read("*a")
  file:close()
end

local made = 0
function setup(thread)
  made = made + 1
  thread:set("thread_id", made)
end

-- A valid NHS number (modulus 11) from a number: nine digits, then the check digit.
local function nhs_number(n)
  while true do
    local digits = string.format("%09d", 400000000 + n % 500000000)
    local sum = 0
    for i = 1, 9 do sum = sum + tonumber(digits:sub(i, i)) * (11 - i) end
    local check = 11 - sum % 11
    if check == 11 then check = 0 end
    if check ~= 10 then return digits .. check end
    n = n + 1
  end
end

local function letters(n)
  local word = ""
  repeat
    word = word .. string.char(97 + n % 26)
    n = math.floor(n / 26)
  until n == 0
  return word
end

local counter = 0
function request()
  local headers = {}
  if #token > 0 then headers["Authorization"] = "Bearer " .. token end
  if body == nil then return wrk.format("GET", nil, headers) end
  counter = counter + 1
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = (os.getenv("RUN") or "run") .. "-" .. thread_id .. "-" .. counter
  local unique = (tonumber(os.getenv("CHILD_OFFSET")) or 0) + thread_id * 10000000 + counter
  local this_body = body:gsub("@@NHS@@", nhs_number(unique)):gsub("@@SURNAME@@", "Example-" .. letters(unique))
  return wrk.format("POST", nil, headers, this_body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
