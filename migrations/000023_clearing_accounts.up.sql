-- Each currency's provider clearing account (migration 000022): what the payment provider owes
-- the box office for card payments, less what it has refunded.
INSERT INTO accounts (kind, currency)
SELECT 'clearing', code FROM currencies;
