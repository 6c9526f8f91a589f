--: Theater()

--! list_theaters : Theater
-- A keyset page of theaters by id. `limit` is the page size plus one.
SELECT id, name, city, capacity
FROM theaters
WHERE id > :after
ORDER BY id
LIMIT :limit;

--! get_theater : Theater
SELECT id, name, city, capacity
FROM theaters
WHERE id = :id;

--! insert_theater : Theater
INSERT INTO theaters (name, city, capacity)
VALUES (:name, :city, :capacity)
RETURNING id, name, city, capacity;
