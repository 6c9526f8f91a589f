"""Two doors that lose the network, through the reference scanner (scanner.py): both pull the
check-in list, both admit one ticket offline, one admits a ticket given back since its last
pull; then both upload. Exactly one admission counts, the second door's and the void ticket's
scans come back as conflicts, and a pull afterwards shows the ticket admitted. Runs against
BOXOFFICE_URL with the users scripts/with-server makes; exits non-zero on the first surprise.
"""

import json
import os
import pathlib
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from scanner import Scanner  # noqa: E402

BASE_URL = os.environ.get("BOXOFFICE_URL", "http://127.0.0.1:8080")


def call(method, path, body=None, token=None, headers=None, expect=200):
    request = urllib.request.Request(
        BASE_URL + path, method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"content-type": "application/json", **(headers or {}),
                 **({"authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            status, text = answer.status, answer.read()
    except urllib.error.HTTPError as err:
        status, text = err.code, err.read()
    if status != expect:
        sys.exit(f"{method} {path}: expected {expect}, got {status}: {text!r}")
    return json.loads(text) if text else None


def login(username, password):
    return call("POST", "/v1/users/login", {"username": username, "password": password})[
        "access_token"]


def ok(step):
    print(f"ok  {step}")


name = f"door_{int(time.time() * 1000):x}"
call("POST", "/v1/users/register", {"username": name, "email": f"{name}@example.com",
                                    "password": "correct horse battery", "full_name": "Door"},
     expect=201)
customer = login(name, "correct horse battery")
admin = login(os.environ.get("BOXOFFICE_ADMIN", "admin"), os.environ["BOXOFFICE_ADMIN_PASSWORD"])
usher = login(os.environ.get("BOXOFFICE_STAFF", "usher"), os.environ["BOXOFFICE_STAFF_PASSWORD"])

screening = next(s for s in call("GET", "/v1/screenings?limit=20")["items"]
                 if s["available_seats"] >= 2)
booking = call("POST", "/v1/bookings", {"screening_id": screening["id"], "seats": 2},
               token=customer, expect=201)
account = call("POST", "/v1/accounts", {"currency": booking["currency"]}, token=customer,
               expect=201)
call("POST", f"/v1/accounts/{account['id']}/deposits", {"amount": booking["amount"]},
     token=admin, headers={"idempotency-key": f"door-deposit-{name}"}, expect=201)
call("POST", "/v1/payments", {"booking_id": booking["id"], "account_id": account["id"]},
     token=customer, headers={"idempotency-key": f"door-pay-{name}"}, expect=201)
kept, given_back = call("GET", f"/v1/bookings/{booking['id']}/tickets", token=customer)
ok("a paid booking of two seats")

with tempfile.TemporaryDirectory() as folder:
    doors = [Scanner(pathlib.Path(folder) / f"door-{n}.json", f"door-{n}-{name}", BASE_URL, usher)
             for n in (1, 2)]
    for door in doors:
        door.pull(screening["id"])
    assert doors[0].state["tickets"][str(kept["id"])]["status"] == "valid"
    ok("both doors pulled the check-in list")

    # The seat is given back after the doors' last pull: they cannot know.
    call("POST", f"/v1/bookings/{booking['id']}/cancel",
         {"seat_labels": [given_back["seat_label"]]}, token=customer)

    # Offline: door 1 admits the ticket, door 2 (a copied code, say) admits it a minute
    # later, and door 2 admits the given-back one.
    earlier = datetime.now(timezone.utc) - timedelta(minutes=2)
    assert doors[0].scan(kept["code"], now=earlier) == "admitted"
    assert doors[0].scan(kept["code"]) == "already_checked_in", "a door knows its own log"
    assert doors[1].scan(kept["code"], now=earlier + timedelta(minutes=1)) == "admitted"
    assert doors[1].scan(given_back["code"]) == "admitted"
    assert doors[1].scan("AQAAAA-forged") == "invalid_ticket"
    ok("offline: verified with the list's keys, admitted and logged")

    first = doors[0].upload()
    second = doors[1].upload()
    assert [r["outcome"] for r in first] == ["admitted"] and not first[0]["conflict"], first
    assert [(r["outcome"], r["conflict"]) for r in second] == [
        ("already_checked_in", True), ("ticket_void", True)], second
    assert doors[1].upload() == [], "nothing left to upload"
    ok("uploads: one admission, two conflicts")

    # A lost answer: the same log sent again changes nothing.
    for entry in doors[1].state["log"]:
        entry["uploaded"] = False
    assert doors[1].upload() == second
    ok("the same upload again answers the same")

    doors[1].pull(screening["id"])
    seen = doors[1].state["tickets"]
    assert seen[str(kept["id"])]["status"] == "checked_in", seen
    assert seen[str(given_back["id"])]["status"] == "void", seen
    ok("door 2's next pull shows the admission and the void")
