--: Product()
--: Order()

--! list_products : Product
-- A keyset page of the products on sale. `limit` is the page size plus one.
SELECT id, sku, name, price, currency
FROM products
WHERE active AND id > :after
ORDER BY id
LIMIT :limit;

--! insert_product : Product
INSERT INTO products (sku, name, price, currency)
VALUES (:sku, :name, :price, :currency)
RETURNING id, sku, name, price, currency;

--! place_order : Order
-- Places an order for an active product, copying its current price (products_sku_key).
-- No row when the SKU is unknown or not on sale.
INSERT INTO orders (user_id, product_id, sku, quantity, note, unit_price, currency)
SELECT :user_id, p.id, p.sku, :quantity, :note, p.price, p.currency
FROM products p
WHERE p.sku = :sku AND p.active
RETURNING id, user_id, sku, quantity, note, unit_price, currency, status, created_at;

--! list_orders (status?) : Order
-- A keyset page of the user's orders, optionally in one status (orders_user_id_idx).
-- `limit` is the page size plus one.
SELECT id, user_id, sku, quantity, note, unit_price, currency, status, created_at
FROM orders
WHERE user_id = :user_id AND id > :after
  AND (:status::order_status IS NULL OR status = :status)
ORDER BY id
LIMIT :limit;

--! get_order : Order
-- One order of the user's, or any order for an admin.
SELECT id, user_id, sku, quantity, note, unit_price, currency, status, created_at
FROM orders
WHERE id = :id AND (user_id = :user_id OR :is_admin);

--! move_order : Order
-- Moves a pending order to `status` in one conditional statement, so that of two
-- concurrent moves exactly one wins. Only the owner or an admin may move it. No row when the
-- order is not theirs or not pending.
UPDATE orders
SET status = :status
WHERE id = :id AND status = 'pending' AND (user_id = :user_id OR :is_admin)
RETURNING id, user_id, sku, quantity, note, unit_price, currency, status, created_at;
