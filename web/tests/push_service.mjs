// A push service on loopback for the browser tests (issue 13): takes the server's Web Push requests
// as FCM or Mozilla's autopush would, and does the browser's half: checks the VAPID signature
// (RFC 8292) and decrypts the message (RFC 8291) with the keys of a subscription the test made.
// The decrypted message is then handed to the page's service worker through the DevTools protocol.
import { createServer } from "node:http";
import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from "node:crypto";

const b64url = (b) => Buffer.from(b).toString("base64url");
const hkdf = (salt, ikm, info, len) => {
  const prk = createHmac("sha256", salt).update(ikm).digest();
  return createHmac("sha256", prk).update(Buffer.concat([info, Buffer.from([1])])).digest().subarray(0, len);
};

export class Browser {
  constructor(endpoint) {
    this.ecdh = createECDH("prime256v1");
    this.public = this.ecdh.generateKeys();
    this.auth = randomBytes(16);
    this.endpoint = endpoint;
  }
  subscription() {
    return { endpoint: this.endpoint, expirationTime: null, keys: { p256dh: b64url(this.public), auth: b64url(this.auth) } };
  }
  decrypt(body) {
    const salt = body.subarray(0, 16);
    const idlen = body[20];
    const sender = body.subarray(21, 21 + idlen);
    const record = body.subarray(21 + idlen);
    const shared = this.ecdh.computeSecret(sender);
    const ikm = hkdf(this.auth, shared, Buffer.concat([Buffer.from("WebPush: info\0"), this.public, sender]), 32);
    const cek = hkdf(salt, ikm, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
    const nonce = hkdf(salt, ikm, Buffer.from("Content-Encoding: nonce\0"), 12);
    const d = createDecipheriv("aes-128-gcm", cek, nonce);
    d.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([d.update(record.subarray(0, record.length - 16)), d.final()]);
    if (plain[plain.length - 1] !== 2) throw new Error("the last record must end with the delimiter 2");
    return plain.subarray(0, plain.length - 1).toString("utf8");
  }
}

// Checks `vapid t=<JWT>, k=<key>`: signed with k (ES256) for this origin. Returns the claims.
export function verifyVapid(authorization, origin) {
  const parts = Object.fromEntries(authorization.replace(/^vapid /, "").split(",").map((p) => p.trim().split(/=(.*)/s).slice(0, 2)));
  const [header, claims, signature] = parts.t.split(".");
  const k = Buffer.from(parts.k, "base64url");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64url(k.subarray(1, 33)), y: b64url(k.subarray(33)) }, format: "jwk" });
  const ok = verify("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!ok) throw new Error("the VAPID signature does not verify");
  const c = JSON.parse(Buffer.from(claims, "base64url").toString());
  if (c.aud !== origin) throw new Error(`VAPID aud ${c.aud}, expected ${origin}`);
  return c;
}

export async function startPushService() {
  const waiting = [];
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const got = { path: req.url, headers: req.headers, body: Buffer.concat(chunks) };
      const w = waiting.shift();
      if (w) w(got); else received.push(got);
      res.writeHead(201).end();
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    browser: (name) => new Browser(`${origin}/push/${name}`),
    next: (timeoutMs = 15000) => received.length > 0 ? Promise.resolve(received.shift()) : new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("no push request arrived")), timeoutMs);
      waiting.push((got) => { clearTimeout(t); resolve(got); });
    }),
    close: () => server.close(),
  };
}
