"""A reference door scanner for boxoffice: how a door app should work, online and offline.

It keeps its state in one JSON file (the screening's tickets as last pulled, the keys that
verify codes, and its log of admissions), so it can go on admitting people while the
network is down and reconcile when it is back:

    scanner.py --state door-1.json --scanner-id door-1 --url URL --token TOKEN pull SCREENING
    scanner.py --state door-1.json scan CODE          # offline: verify, admit, log
    scanner.py --state door-1.json --url URL --token TOKEN upload

- `pull` fetches the check-in list (`GET /v1/screenings/{id}/checkin-list`), then only what
  changed since (`?after=`): tickets voided by a cancellation, admitted at another door.
- `scan` needs no network. It decodes the code (the byte layout is in the README, "Ticket
  codes"), verifies its Ed25519 signature with the key of the list it names (a version-1
  code, which names none, with any key of the list), checks it is for this
  screening, and admits it unless the list or its own log says it was admitted or is void.
  Each admission is logged with a fresh nonce and the time.
- `upload` sends the admissions not yet uploaded (`POST /v1/checkins/batch`, 200 a request);
  the same upload sent twice changes nothing, so a lost answer is simply sent again. A result
  with `conflict: true` means a person was let in who should not have been (the ticket was
  admitted at another door, or void): the server also writes `ticket.checkin_conflict`.

Needs the `cryptography` package for Ed25519.
"""

import argparse
import base64
import json
import pathlib
import struct
import sys
import urllib.request
import uuid
from datetime import datetime, timezone

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

CODE_VERSION = 2      # names its key: 3 bytes, the first 4 characters of the key's kid
CODE_VERSION_1 = 1    # before keys could rotate: no key id
KEY_ID_LEN = 3
UPLOAD_BATCH = 200


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decode_code(code):
    """(ticket_id, screening_id, seat_label, key id or None, signed bytes, signature) of a
    code of format version 2 (or 1, which names no key), or None when it is malformed. The
    key id is the base64url of its 3 bytes: the first 4 characters of the key's kid."""
    try:
        raw = b64url_decode(code)
    except ValueError:
        return None
    if not raw or raw[0] not in (CODE_VERSION, CODE_VERSION_1):
        return None
    start, key_id = 1, None
    if raw[0] == CODE_VERSION:
        start += KEY_ID_LEN
        key_id = base64.urlsafe_b64encode(raw[1:start]).decode()
    if len(raw) < start + 8 + 8 + 1 + 64:
        return None
    ticket_id, screening_id, label_len = struct.unpack(">QQB", raw[start:start + 17])
    if len(raw) != start + 17 + label_len + 64:
        return None
    label = raw[start + 17:start + 17 + label_len].decode("ascii", errors="replace")
    return ticket_id, screening_id, label, key_id, raw[:-64], raw[-64:]


def verifies(keys, key_id, signed, signature):
    """Whether the JWKS's Ed25519 key named by key_id (any of them for a code that names
    none) verifies the signature. A code naming a key not in the set (retired) fails."""
    for jwk in keys:
        if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
            continue
        if key_id is not None and not jwk.get("kid", "").startswith(key_id):
            continue
        key = Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
        try:
            key.verify(signature, signed)
            return True
        except InvalidSignature:
            continue
    return False


class Scanner:
    """A door's scanner and its state file."""

    def __init__(self, state_path, scanner_id=None, url=None, token=None):
        self.path = pathlib.Path(state_path)
        self.state = json.loads(self.path.read_text()) if self.path.exists() else {
            "scanner_id": scanner_id or f"scanner-{uuid.uuid4()}", "screening_id": None,
            "keys": [], "tickets": {}, "next_after": None, "log": []}
        self.url, self.token = url, token

    def save(self):
        self.path.write_text(json.dumps(self.state, indent=1))

    def request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "authorization": f"Bearer {self.token}", "content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as answer:
            return json.load(answer)

    def pull(self, screening_id):
        """Fetches the check-in list, or what changed since the last pull."""
        if self.state["screening_id"] != screening_id:
            self.state.update(screening_id=screening_id, tickets={}, next_after=None)
        path = f"/v1/screenings/{screening_id}/checkin-list"
        if self.state["next_after"] is not None:
            path += f"?after={self.state['next_after']}"
        answer = self.request("GET", path)
        self.state["keys"] = answer["keys"]["keys"]
        for item in answer["items"]:
            self.state["tickets"][str(item["ticket_id"])] = item
        self.state["next_after"] = answer["next_after"]
        self.save()
        return len(answer["items"])

    def scan(self, code, now=None):
        """Checks a code offline; admits and logs it when it may. Returns what the door
        shows: `admitted`, `invalid_ticket`, `wrong_screening`, `ticket_void` or
        `already_checked_in`."""
        decoded = decode_code(code)
        if decoded is None or not verifies(self.state["keys"], *decoded[3:]):
            return "invalid_ticket"
        ticket_id, screening_id = decoded[0], decoded[1]
        if screening_id != self.state["screening_id"]:
            return "wrong_screening"
        known = self.state["tickets"].get(str(ticket_id))
        if known is None:
            # Sold after the last pull: the signature is the service's, so admit it.
            known = self.state["tickets"].setdefault(str(ticket_id), {
                "ticket_id": ticket_id, "seat_label": decoded[2], "status": "valid"})
        if known["status"] == "void":
            return "ticket_void"
        if known["status"] == "checked_in":
            return "already_checked_in"
        scanned_at = (now or datetime.now(timezone.utc)).isoformat()
        known.update(status="checked_in", checked_in_at=scanned_at)
        self.state["log"].append({"nonce": str(uuid.uuid4()), "code": code,
                                  "screening_id": screening_id, "scanned_at": scanned_at,
                                  "uploaded": False})
        self.save()
        return "admitted"

    def upload(self):
        """Uploads the admissions not yet uploaded; returns the server's results."""
        pending = [entry for entry in self.state["log"] if not entry["uploaded"]]
        results = []
        for start in range(0, len(pending), UPLOAD_BATCH):
            chunk = pending[start:start + UPLOAD_BATCH]
            scans = [{key: entry[key] for key in ("nonce", "code", "screening_id", "scanned_at")}
                     for entry in chunk]
            answer = self.request("POST", "/v1/checkins/batch",
                                  {"scanner_id": self.state["scanner_id"], "scans": scans})
            for entry in chunk:
                entry["uploaded"] = True
            self.save()
            results.extend(answer["results"])
        return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--state", required=True, help="the scanner's state file (JSON)")
    parser.add_argument("--scanner-id", help="this device's id (new state files only)")
    parser.add_argument("--url", help="the service, e.g. https://tickets.example.com")
    parser.add_argument("--token", help="a staff member's access token")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("pull").add_argument("screening", type=int)
    commands.add_parser("scan").add_argument("code")
    commands.add_parser("upload")
    args = parser.parse_args()
    scanner = Scanner(args.state, args.scanner_id, args.url, args.token)
    if args.command == "pull":
        print(f"{scanner.pull(args.screening)} tickets new or changed")
    elif args.command == "scan":
        print(scanner.scan(args.code))
    else:
        for result in scanner.upload():
            print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
