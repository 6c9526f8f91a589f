--: StoredResponse(response_status?, response_body?)

--! claim_idempotency_key
-- Claims a key for this request. Waits while another transaction holds the same key; claims
-- it if it is new or older than 24 hours, and if the user has claimed fewer than
-- `daily_limit` keys in the last 24 hours (idempotency_keys_user_id_created_at_idx). Affects
-- no row when the key is already taken or the user is at the limit; stored_response tells
-- the two apart.
INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash)
SELECT :user_id, :idempotency_key, :request_hash
WHERE (SELECT count(*) FROM idempotency_keys
       WHERE user_id = :user_id AND created_at > now() - interval '24 hours') < :daily_limit
ON CONFLICT (user_id, idempotency_key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL,
        created_at = now()
    WHERE idempotency_keys.created_at < now() - interval '24 hours';

--! stored_response : StoredResponse
-- The request and response recorded for a key in the last 24 hours (primary key); no row
-- when there is none, i.e. the claim was refused by the daily limit.
SELECT request_hash, response_status, response_body
FROM idempotency_keys
WHERE user_id = :user_id AND idempotency_key = :idempotency_key
  AND created_at > now() - interval '24 hours';

--! daily_limit_reopens : (seconds?)
-- In how many seconds the user's oldest key of the last 24 hours ages out, freeing a place
-- under the daily limit (idempotency_keys_user_id_created_at_idx).
SELECT ceil(extract(epoch FROM min(created_at) + interval '24 hours' - now()))::int AS seconds
FROM idempotency_keys
WHERE user_id = :user_id AND created_at > now() - interval '24 hours';

--! store_response
-- Records the response of the request that claimed the key, in its transaction.
UPDATE idempotency_keys
SET response_status = :response_status, response_body = :response_body
WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! purge_idempotency_keys
-- Forgets keys older than 24 hours (idempotency_keys_created_at_idx).
DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours';
