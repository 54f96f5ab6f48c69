"""The Zalo Notification Service on loopback for the tests (issue 16): it takes ZNS template
requests as business.openapi.zalo.me/message/template does, checks each one's shape (the access
token in its header, a phone in 84xxxxxxxxx form, an approved template id, template_data within the
length each parameter of that template allows, a tracking id) and answers as Zalo does: error 0
with a message id, or the error code the test chose for that phone number. Used by test_zalo.py."""
import http.server
import json
import re
import threading
import uuid

# Zalo's codes the tests answer with (its published list of ZNS errors).
PHONE_INVALID, TEMPLATE_INVALID, OUT_OF_QUOTA = -108, -109, -115


class ZnsService:
    def __init__(self, token, templates):
        """`templates`: {template_id: {param: max length}}, what Zalo approved for the account."""
        self.token = token
        self.templates = templates
        self.requests = []  # the valid requests, in order: {phone, template_id, template_data, tracking_id}
        self.problems = []  # what was wrong with a request that was not of ZNS's shape
        self.answer_for = {}  # phone (84...) -> error code
        self.lock = threading.Lock()
        service = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                code, problem = service.check(self.path, self.headers, raw)
                if problem:
                    with service.lock:
                        service.problems.append(problem)
                body = json.dumps({"error": code, "message": "Success" if code == 0 else "refused",
                                   "data": {"msg_id": uuid.uuid4().hex} if code == 0 else {}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/message/template"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def check(self, path, headers, raw):
        if path != "/message/template":
            return -106, f"path {path}"
        if headers.get("access_token") != self.token:
            return -124, "access token"
        if not headers.get("Content-Type", "").startswith("application/json"):
            return -112, "content type"
        try:
            req = json.loads(raw)
        except ValueError:
            return -112, "not JSON"
        if set(req) != {"phone", "template_id", "template_data", "tracking_id"}:
            return -112, f"keys {sorted(req)}"
        if not re.fullmatch(r"84\d{9}", str(req["phone"])):
            return PHONE_INVALID, f"phone {req['phone']}"
        params = self.templates.get(req["template_id"])
        if params is None:
            return TEMPLATE_INVALID, f"template {req['template_id']}"
        data = req["template_data"]
        if not isinstance(data, dict) or set(data) != set(params):
            return -112, f"template_data keys {sorted(data) if isinstance(data, dict) else data}"
        for k, v in data.items():
            if not isinstance(v, str) or not 0 < len(v) <= params[k]:
                return -112, f"template_data {k} length"
        if not isinstance(req["tracking_id"], str) or not 0 < len(req["tracking_id"]) <= 48:
            return -112, "tracking_id"
        with self.lock:
            self.requests.append(req)
        return self.answer_for.get(req["phone"], 0), None

    def to(self, phone):
        with self.lock:
            return [r for r in self.requests if r["phone"] == phone]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
