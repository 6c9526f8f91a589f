-- POST /v1/users/login as one bench user: argon2id verification dominates by design.
wrk.method = "POST"
wrk.path = "/v1/users/login"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"bench0001","password":"bench-password"}'
