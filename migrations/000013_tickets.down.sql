-- loses: tickets
-- Tickets go, with their check-ins; staff become customers (an enum value cannot be dropped,
-- so the type is made anew without it).
DROP TABLE tickets;
UPDATE users SET role = 'customer' WHERE role = 'staff';
ALTER TYPE user_role RENAME TO user_role_with_staff;
CREATE TYPE user_role AS ENUM ('customer', 'admin');
ALTER TABLE users
    ALTER COLUMN role DROP DEFAULT,
    ALTER COLUMN role TYPE user_role USING role::text::user_role,
    ALTER COLUMN role SET DEFAULT 'customer';
DROP TYPE user_role_with_staff;
