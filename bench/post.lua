-- wrk script: POST one JSON file with the device API's headers.
--   wrk -t2 -c16 -d10s --latency -s bench/post.lua http://127.0.0.1:18080/devices/dataset/pms -- body.json benchkey
-- init() runs in every wrk thread before wrk formats the request, so the file is read once per thread and the
-- same bytes are sent on every request.
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["x-api-key"] = args[2] or "benchkey"
end
