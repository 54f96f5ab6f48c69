"""A local SMTP sink for the tests (loopback only): accepts mail, keeps every message, and refuses
recipients whose address starts with "reject" (550), to exercise a sender's failure path."""
import email
import email.policy
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 sink ready")
        sender, rcpts = None, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            cmd = raw.decode("utf-8", "replace").strip()
            upper = cmd.upper()
            if upper.startswith("EHLO") or upper.startswith("HELO"):
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif upper.startswith("MAIL FROM:"):
                sender, rcpts = cmd[10:].strip("<> "), []
                self.reply("250 ok")
            elif upper.startswith("RCPT TO:"):
                to = cmd[8:].strip("<> ")
                if to.startswith("reject"):
                    self.reply("550 no such mailbox")
                else:
                    rcpts.append(to)
                    self.reply("250 ok")
            elif upper == "DATA":
                self.reply("354 go ahead")
                lines = []
                while True:
                    line = self.rfile.readline()
                    if line in (b".\r\n", b".\n", b""):
                        break
                    lines.append(line[1:] if line.startswith(b"..") else line)
                msg = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                with self.server.lock:
                    self.server.messages.append({"from": sender, "to": rcpts, "msg": msg})
                self.reply("250 queued")
            elif upper == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages, self.lock = [], threading.Lock()
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def to(self, address):
        with self.lock:
            return [m["msg"] for m in self.messages if address in m["to"]]

    def stop(self):
        self.shutdown()
        self.server_close()
