--: StoredResponse(response_status?, response_body?)

--! claim_idempotency_key
-- Claims a key for this request. Waits while another transaction holds the same key; claims
-- it if it is new or older than 24 hours. Affects no row when the key is already taken.
INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash)
VALUES (:user_id, :idempotency_key, :request_hash)
ON CONFLICT (user_id, idempotency_key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL,
        created_at = now()
    WHERE idempotency_keys.created_at < now() - interval '24 hours';

--! stored_response : StoredResponse
-- The request and response recorded for a key (primary key).
SELECT request_hash, response_status, response_body
FROM idempotency_keys
WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! store_response
-- Records the response of the request that claimed the key, in its transaction.
UPDATE idempotency_keys
SET response_status = :response_status, response_body = :response_body
WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! purge_idempotency_keys
-- Forgets keys older than 24 hours (idempotency_keys_created_at_idx).
DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours';
