-- loses: orders, products
DROP TABLE orders;
DROP FUNCTION orders_check_status_transition();
DROP TYPE order_status;
DROP TABLE products;
