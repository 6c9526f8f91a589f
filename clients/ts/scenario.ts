// A customer's evening, through a client generated from openapi.json (openapi-typescript
// types + openapi-fetch): register, log in, list screenings, book, open a wallet, get it
// funded, pay, get tickets, be checked in by staff, give a seat back for a refund, book a
// seat with a voucher and cancel it, order popcorn, pay a booking by card (declined once).
// Exits non-zero on the first surprise.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

const baseUrl = process.env.BOXOFFICE_URL ?? "http://127.0.0.1:8080";
const api = createClient<paths>({ baseUrl });

function check<T>(step: string, result: { data?: T; error?: unknown; response: Response }, status: number): T {
  if (result.response.status !== status || result.data === undefined) {
    throw new Error(`${step}: expected ${status}, got ${result.response.status}: ${JSON.stringify(result.error)}`);
  }
  console.log(`ok  ${step} (${status})`);
  return result.data;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const username = `ts_${Date.now().toString(36)}`;
const password = "correct horse battery";

const user = check("register", await api.POST("/v1/users/register", {
  body: { username, email: `${username}@example.com`, password, full_name: "TypeScript Tester" },
}), 201);
const tokens = check("login", await api.POST("/v1/users/login", { body: { username, password } }), 200);
if (tokens.user.id !== user.id) throw new Error("login returned another user");
const me = bearer(tokens.access_token);

const screenings = check("list screenings", await api.GET("/v1/screenings", { params: { query: { limit: 5 } } }), 200);
const screening = screenings.items.find((s) => s.available_seats >= 2);
if (!screening) throw new Error("no screening with two seats left");

const booking = check("book two seats", await api.POST("/v1/bookings", {
  headers: me, body: { screening_id: screening.id, seats: 2 },
}), 201);
if (booking.status !== "pending" || booking.amount !== screening.price * 2) throw new Error("unexpected booking");

const refused = await api.POST("/v1/bookings", { headers: me, body: { screening_id: screening.id, seats: 11 } });
if (refused.response.status !== 400 || refused.error?.code !== "invalid_request") {
  throw new Error(`11 seats should be refused as invalid_request, got ${refused.response.status}`);
}
console.log("ok  eleven seats refused (400 invalid_request)");

const account = check("open a wallet", await api.POST("/v1/accounts", {
  // Responses carry the currency as text; requests take one of the accepted codes.
  headers: me, body: { currency: booking.currency as components["schemas"]["Currency"] },
}), 201);
const admin = check("admin login", await api.POST("/v1/users/login", {
  body: { username: process.env.BOXOFFICE_ADMIN ?? "admin", password: process.env.BOXOFFICE_ADMIN_PASSWORD ?? "" },
}), 200);
check("admin deposit", await api.POST("/v1/accounts/{id}/deposits", {
  headers: bearer(admin.access_token),
  params: { path: { id: account.id }, header: { "Idempotency-Key": `deposit-${username}` } },
  body: { amount: 10_000 },
}), 201);

const idempotencyKey = `pay-${username}`;
const payment = check("pay", await api.POST("/v1/payments", {
  headers: me, params: { header: { "Idempotency-Key": idempotencyKey } },
  body: { booking_id: booking.id, account_id: account.id },
}), 201);
const replay = check("pay again, same key", await api.POST("/v1/payments", {
  headers: me, params: { header: { "Idempotency-Key": idempotencyKey } },
  body: { booking_id: booking.id, account_id: account.id },
}), 201);
if (replay.id !== payment.id) throw new Error("the replay paid twice");

const issued = check("list tickets", await api.GET("/v1/bookings/{id}/tickets", {
  headers: me, params: { path: { id: booking.id } },
}), 200);
if (issued.length !== 2) throw new Error(`${issued.length} tickets for two seats`);
const [first, second] = issued as [typeof issued[0], typeof issued[0]];
const jwk = check("ticket signing key", await api.GET("/v1/tickets/signing-key"), 200);
if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519") throw new Error("not an Ed25519 JWK");

const staff = check("staff login", await api.POST("/v1/users/login", {
  body: { username: process.env.BOXOFFICE_STAFF ?? "usher", password: process.env.BOXOFFICE_STAFF_PASSWORD ?? "" },
}), 200);
const scan = { headers: bearer(staff.access_token), body: { code: first.code, screening_id: screening.id } };
const admitted = check("check in as staff", await api.POST("/v1/checkins", scan), 200);
if (admitted.ticket.id !== first.id) throw new Error("admitted another ticket");
const again = await api.POST("/v1/checkins", scan);
if (again.response.status !== 409 || again.error?.code !== "already_checked_in") {
  throw new Error(`a second scan should be 409 already_checked_in, got ${again.response.status}`);
}
console.log("ok  second scan refused (409 already_checked_in)");

const kept = check("give one seat back (refund)", await api.POST("/v1/bookings/{id}/cancel", {
  headers: me, params: { path: { id: booking.id } }, body: { seat_labels: [second.seat_label] },
}), 200);
if (kept.status !== "confirmed" || kept.seats !== 1) throw new Error("the booking should keep one seat");
const wallet = check("wallet after refund", await api.GET("/v1/accounts/{id}", {
  headers: me, params: { path: { id: account.id } },
}), 200);
if (wallet.balance !== 10_000 - screening.price) throw new Error(`balance ${wallet.balance} after the refund`);

const promo = check("admin makes a 2.00-off voucher", await api.POST("/v1/vouchers", {
  headers: bearer(admin.access_token),
  body: { code: `TS-${Date.now()}`, amount_off: 200, currency: screening.currency as components["schemas"]["Currency"], max_uses: 5 },
}), 201);
const held = check("book one seat with it", await api.POST("/v1/bookings", {
  headers: me, body: { screening_id: screening.id, seats: 1, voucher_code: promo.code.toLowerCase() },
}), 201);
const [heldItem] = held.items;
if (!heldItem || heldItem.discount !== Math.min(200, heldItem.amount) || held.amount !== heldItem.amount - heldItem.discount) {
  throw new Error(`the voucher's discount: ${JSON.stringify(held)}`);
}
const cancelled = check("cancel it, no body", await api.POST("/v1/bookings/{id}/cancel", {
  headers: me, params: { path: { id: held.id } },
}), 200);
if (cancelled.status !== "cancelled") throw new Error("not cancelled");

const products = check("list products", await api.GET("/v1/products"), 200);
const popcorn = products.items[0];
if (!popcorn) throw new Error("no products");
const order = check("order popcorn", await api.POST("/v1/orders", {
  headers: me, body: { sku: popcorn.sku, quantity: 2, note: "extra butter" },
}), 202);
if (order.status !== "pending") throw new Error("order not pending");

// Paying by card. The payment method is what Stripe.js would make in the browser; here it
// comes from the provider the checks run against (localstripe, see scripts/with-server).
const stripeUrl = process.env.BOXOFFICE_STRIPE_URL;
if (!stripeUrl) throw new Error("BOXOFFICE_STRIPE_URL is not set (run under scripts/with-server)");
async function paymentMethod(number: string): Promise<string> {
  const made = await fetch(`${stripeUrl}/v1/payment_methods`, {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.BOXOFFICE_STRIPE_SECRET_KEY}` },
    body: new URLSearchParams({
      type: "card", "card[number]": number, "card[exp_month]": "12", "card[exp_year]": "2034", "card[cvc]": "123",
    }),
  });
  return ((await made.json()) as { id: string }).id;
}
const byCard = check("book a seat to pay by card", await api.POST("/v1/bookings", {
  headers: me, body: { screening_id: screening.id, seats: 1 },
}), 201);
const declined = await api.POST("/v1/bookings/{id}/card-payment", {
  headers: me, params: { path: { id: byCard.id }, header: { "Idempotency-Key": `card-1-${username}` } },
  body: { payment_method: await paymentMethod("4000000000000341") },
});
if (declined.response.status !== 402 || declined.error?.code !== "card_declined") {
  throw new Error(`a declined card should be 402 card_declined, got ${declined.response.status}`);
}
console.log("ok  declined card (402 card_declined)");
const paid = check("pay by card", await api.POST("/v1/bookings/{id}/card-payment", {
  headers: me, params: { path: { id: byCard.id }, header: { "Idempotency-Key": `card-2-${username}` } },
  body: { payment_method: await paymentMethod("4242424242424242") },
}), 201);
if (paid.status !== "succeeded" || paid.amount !== byCard.amount) throw new Error(`card payment ${paid.status}`);
const confirmed = check("the booking, paid by card", await api.GET("/v1/bookings/{id}", {
  headers: me, params: { path: { id: byCard.id } },
}), 200);
if (confirmed.status !== "confirmed" || confirmed.card_payments[0]?.id !== paid.id) {
  throw new Error("the card payment did not confirm the booking");
}
console.log("TypeScript SDK scenario passed");
