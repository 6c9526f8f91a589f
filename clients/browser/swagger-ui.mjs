// Swagger UI in a real browser (Debian's Chromium, driven by playwright-core): open /docs,
// authorize with a bearer token this check obtains, expand "List screenings", click
// "Try it out" and "Execute", and see a 200 rendered. Saves target/swagger-ui.png. Then the
// seat map picture of a screening: it renders, with one square per seat of its JSON seat map.
// Saves target/seat-map.png.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const baseUrl = process.env.BOXOFFICE_URL ?? "http://127.0.0.1:8080";
const screenshot = new URL("../../target/swagger-ui.png", import.meta.url).pathname;
const seatMapShot = new URL("../../target/seat-map.png", import.meta.url).pathname;

async function post(path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const username = `ui_${Date.now().toString(36)}`;
const password = "correct horse battery";
await post("/v1/users/register", { username, email: `${username}@example.com`, password, full_name: "UI Tester" });
const { access_token: token } = await post("/v1/users/login", { username, password });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.goto(`${baseUrl}/docs`);
  await page.getByRole("button", { name: "Authorize" }).first().click();
  const dialog = page.locator(".modal-ux");
  await dialog.locator("input").first().fill(token);
  await dialog.locator("button.authorize").click();
  await dialog.locator("button.btn-done").click();

  const operation = page.locator("#operations-Screenings-list_screenings");
  await operation.locator(".opblock-summary").click();
  await operation.getByRole("button", { name: "Try it out" }).click();
  await operation.getByRole("button", { name: "Execute" }).click();
  const status = operation.locator(".live-responses-table .response .response-col_status").first();
  await status.waitFor({ timeout: 15_000 });
  const code = (await status.innerText()).trim();
  const body = await operation.locator(".live-responses-table .response-col_description pre").first().innerText();
  mkdirSync(new URL("../../target/", import.meta.url).pathname, { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: false });
  if (code !== "200" || !body.includes("available_seats")) {
    throw new Error(`Swagger UI rendered ${code}: ${body.slice(0, 200)}`);
  }
  // Swagger UI sends the token it was given on operations that need it.
  const locked = page.locator("#operations-Bookings-list_bookings");
  await locked.locator(".opblock-summary").click();
  await locked.getByRole("button", { name: "Try it out" }).click();
  await locked.getByRole("button", { name: "Execute" }).click();
  const lockedStatus = locked.locator(".live-responses-table .response .response-col_status").first();
  await lockedStatus.waitFor({ timeout: 15_000 });
  if ((await lockedStatus.innerText()).trim() !== "200") throw new Error("the bearer token was not used");
  console.log(`Swagger UI: authorized, executed list_screenings (200) and list_bookings (200); screenshot ${screenshot}`);

  const { items } = await (await fetch(`${baseUrl}/v1/screenings?limit=1`)).json();
  if (!items.length) throw new Error("no screening to draw a seat map of");
  const id = items[0].id;
  const map = await (await fetch(`${baseUrl}/v1/screenings/${id}/seats`)).json();
  const seats = map.rows.reduce((n, row) => n + row.seats.length, 0);
  const picture = await browser.newPage({ viewport: { width: 900, height: 700 } });
  const response = await picture.goto(`${baseUrl}/v1/screenings/${id}/seats.svg`);
  if (response.headers()["content-type"] !== "image/svg+xml") {
    throw new Error(`seats.svg answered ${response.headers()["content-type"]}`);
  }
  const box = await picture.locator("svg").boundingBox();
  const drawn = await picture.locator("svg g > rect").count();
  await picture.screenshot({ path: seatMapShot });
  if (!box || box.width < 300 || drawn !== seats) {
    throw new Error(`seats.svg drew ${drawn} of ${seats} seats in ${JSON.stringify(box)}`);
  }
  console.log(`seat map of screening ${id}: ${drawn} seats drawn; screenshot ${seatMapShot}`);
} finally {
  await browser.close();
}
