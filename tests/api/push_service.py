"""A push service on loopback for the tests (issue 13): it takes the server's Web Push requests as
FCM or Mozilla's autopush would, answers with a chosen status, and does the browser's half —
checks the VAPID signature (RFC 8292) and decrypts the message (RFC 8291) with the keys of a
subscription the test made. Used by tests/api/test_push.py and the browser journey's Node twin."""
import base64
import hashlib
import hmac
import http.server
import json
import os
import queue
import threading

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hkdf(salt, ikm, info, length):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()[:length]


class Browser:
    """A browser's push keys: what PushSubscription.toJSON() gives, and the private half to read."""

    def __init__(self, endpoint):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.public = self.private.public_key().public_bytes(serialization.Encoding.X962,
                                                             serialization.PublicFormat.UncompressedPoint)
        self.auth = os.urandom(16)
        self.endpoint = endpoint

    def subscription(self):
        return {"endpoint": self.endpoint, "expirationTime": None,
                "keys": {"p256dh": b64url(self.public), "auth": b64url(self.auth)}}

    def decrypt(self, body):
        """RFC 8291 / RFC 8188 aes128gcm: salt, record size, key id (the sender's key), one record."""
        salt, rs, idlen = body[:16], int.from_bytes(body[16:20], "big"), body[20]
        sender = body[21:21 + idlen]
        record = body[21 + idlen:]
        assert idlen == 65 and len(record) <= rs, (idlen, rs, len(record))
        shared = self.private.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), sender))
        ikm = hkdf(self.auth, shared, b"WebPush: info\x00" + self.public + sender, 32)
        cek = hkdf(salt, ikm, b"Content-Encoding: aes128gcm\x00", 16)
        nonce = hkdf(salt, ikm, b"Content-Encoding: nonce\x00", 12)
        plain = AESGCM(cek).decrypt(nonce, record, None)
        text = plain.rstrip(b"\x00")
        assert text.endswith(b"\x02"), "the last record ends with the delimiter 2"
        return text[:-1]


def verify_vapid(authorization, origin):
    """Checks `vapid t=<JWT>, k=<key>`: an ES256 signature by k, for this origin, not expired far
    ahead (at most 24 h, RFC 8292 section 2). Returns the claims."""
    assert authorization.startswith("vapid "), authorization
    parts = dict(p.strip().split("=", 1) for p in authorization[6:].split(","))
    header, claims, signature = parts["t"].split(".")
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
    raw = unb64url(signature)
    assert len(raw) == 64
    der = utils.encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    key.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))  # raises when forged
    assert json.loads(unb64url(header)) == {"typ": "JWT", "alg": "ES256"}
    claims = json.loads(unb64url(claims))
    assert claims["aud"] == origin, claims
    assert claims["sub"].startswith("mailto:") or claims["sub"].startswith("https:"), claims
    return claims, parts["k"]


class PushService:
    """Records every POST; answers `status` (201 unless the test changes it)."""

    def __init__(self):
        self.received = queue.Queue()
        self.status = 201
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.received.put({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                    "body": body})
                self.send_response(outer.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def browser(self, name):
        return Browser(f"{self.origin}/push/{name}")

    def next(self, timeout=15):
        return self.received.get(timeout=timeout)

    def nothing_for(self, seconds):
        try:
            got = self.received.get(timeout=seconds)
        except queue.Empty:
            return True
        raise AssertionError(f"unexpected push to {got['path']}")

    def close(self):
        self.httpd.shutdown()
