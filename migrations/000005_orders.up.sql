-- Concessions: products on sale at the counter, and customers' orders for them.

CREATE TABLE products (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku        text        NOT NULL CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- In minor units of `currency`.
    price      bigint      NOT NULL CHECK (price > 0),
    currency   text        NOT NULL REFERENCES currencies (code),
    -- Inactive products stay for the orders that name them but cannot be ordered.
    active     boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Orders name products by SKU.
CREATE UNIQUE INDEX products_sku_key ON products (sku);

CREATE TYPE order_status AS ENUM ('pending', 'confirmed', 'cancelled');

CREATE TABLE orders (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint       NOT NULL REFERENCES users (id),
    product_id bigint       NOT NULL REFERENCES products (id),
    sku        text         NOT NULL,
    quantity   integer      NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    note       text         NOT NULL CHECK (length(note) <= 500),
    -- The product's price when the order was placed, in minor units of `currency`.
    unit_price bigint       NOT NULL CHECK (unit_price > 0),
    currency   text         NOT NULL REFERENCES currencies (code),
    status     order_status NOT NULL DEFAULT 'pending',
    created_at timestamptz  NOT NULL DEFAULT now()
);

-- Serves `GET /v1/orders` (the caller's orders, keyset on id, optionally by status).
CREATE INDEX orders_user_id_idx ON orders (user_id, id);
-- Serves the foreign key.
CREATE INDEX orders_product_id_idx ON orders (product_id);

-- An order's status only moves pending → confirmed or pending → cancelled.
CREATE FUNCTION orders_check_status_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'order % cannot move from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_status_transition';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_status_transition BEFORE UPDATE OF status ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_check_status_transition();
