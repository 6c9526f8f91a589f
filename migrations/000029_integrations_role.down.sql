-- Integration accounts become customers (an enum value cannot be dropped, so the type is
-- made anew without it). Their sessions stay; the role they had is gone.
UPDATE users SET role = 'customer' WHERE role = 'integrations';
ALTER TYPE user_role RENAME TO user_role_with_integrations;
CREATE TYPE user_role AS ENUM ('customer', 'admin', 'staff');
ALTER TABLE users
    ALTER COLUMN role DROP DEFAULT,
    ALTER COLUMN role TYPE user_role USING role::text::user_role,
    ALTER COLUMN role SET DEFAULT 'customer';
DROP TYPE user_role_with_integrations;
