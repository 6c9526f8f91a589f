--: Review()
--: Message()

--! insert_review : Review
-- One review per user per movie (reviews_movie_id_user_id_key); no row if the movie does not
-- exist.
WITH inserted AS (
    INSERT INTO reviews (movie_id, user_id, rating, body)
    SELECT m.id, :user_id, :rating, :body FROM movies m WHERE m.id = :movie_id
    RETURNING id, movie_id, user_id, rating, body, created_at
)
SELECT i.id, i.movie_id, i.user_id, u.username, i.rating, i.body, i.created_at
FROM inserted i JOIN users u ON u.id = i.user_id;

--! list_reviews : Review
-- A keyset page of a movie's reviews, newest first (reviews_movie_id_idx), with each
-- author's username from one join. `limit` is the page size plus one.
SELECT r.id, r.movie_id, r.user_id, u.username, r.rating, r.body, r.created_at
FROM reviews r JOIN users u ON u.id = r.user_id
WHERE r.movie_id = :movie_id AND r.id < :before
ORDER BY r.id DESC
LIMIT :limit;

--! movie_exists
-- vet: not null: exists: EXISTS is true or false
-- Whether a movie exists (primary key).
SELECT EXISTS (SELECT 1 FROM movies WHERE id = :id);

--! delete_review
-- Removes a review (and its discussion) if `user_id` wrote it or is an admin.
DELETE FROM reviews WHERE id = :id AND (user_id = :user_id OR :is_admin);

--! insert_message : Message
-- A message under a review; no row if the review does not exist.
WITH inserted AS (
    INSERT INTO messages (review_id, user_id, body)
    SELECT r.id, :user_id, :body FROM reviews r WHERE r.id = :review_id
    RETURNING id, review_id, user_id, body, created_at
)
SELECT i.id, i.review_id, i.user_id, u.username, i.body, i.created_at
FROM inserted i JOIN users u ON u.id = i.user_id;

--! list_messages : Message
-- A keyset page of a review's discussion, oldest first (messages_review_id_idx), with each
-- author's username from one join. `limit` is the page size plus one.
SELECT m.id, m.review_id, m.user_id, u.username, m.body, m.created_at
FROM messages m JOIN users u ON u.id = m.user_id
WHERE m.review_id = :review_id AND m.id > :after
ORDER BY m.id
LIMIT :limit;

--! review_exists
-- vet: not null: exists: EXISTS is true or false
-- Whether a review exists (primary key).
SELECT EXISTS (SELECT 1 FROM reviews WHERE id = :id);

--! delete_message
-- Removes a message if `user_id` wrote it or is an admin.
DELETE FROM messages WHERE id = :id AND (user_id = :user_id OR :is_admin);
