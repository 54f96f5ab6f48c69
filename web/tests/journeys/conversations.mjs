// Her conversations with the team, in Vietnamese on a phone: two questions in a list; the app
// closed; the midwife replies from her laptop; the reply arrives as a Web Push notification (the
// server's encrypted, signed request to a push service the test runs, decrypted and handed to the
// service worker through the DevTools protocol); the thread is marked unread in her list and on
// home until she opens it.
import { ARTIFACTS, check, join, newClinician, newContext, newMother, pushService, server, test } from "../harness.mjs";
import { verifyVapid } from "../push_service.mjs";

async function ask(page, text) {
  await page.getByLabel(/Chuyện gì đang xảy ra/).fill(text);
  await page.getByRole("button", { name: "Gửi", exact: true }).click();
  await page.getByTestId("reply-by").waitFor();
}

await test("a reply sent while her app is closed arrives as a notification and stays unread in her list until she reads it", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  await context.grantPermissions(["notifications"], { origin: server.base });
  const { page, violations } = await newMother(context, "vi");
  await page.getByRole("button", { name: /Hỏi nhóm tư vấn/ }).click();
  await ask(page, "Vú trái căng và đỏ một vùng từ sáng nay");
  // Notifications are offered while she waits. Headless Chromium has no push service of its own:
  // turning them on says so in her language instead of failing silently.
  await page.getByTestId("push-toggle").click();
  const refusal = await page.getByTestId("push-error").innerText();
  check(/dịch vụ thông báo/.test(refusal), `a clear reason when the browser cannot subscribe: ${refusal}`);
  await page.getByTestId("to-threads").click();
  await page.getByTestId("consult-new").click();
  await ask(page, "Bé bú ít hơn hôm qua, có sao không?");
  await page.getByTestId("to-threads").click();
  await page.getByTestId("thread-row").nth(1).waitFor();
  check(await page.getByTestId("thread-row").count() === 2, "both questions are in her list");
  check(new URL(page.url()).pathname === "/consult", `back from a thread is her list: ${page.url()}`);
  check(await page.getByTestId("unread").count() === 0, "nothing unread yet");

  // The subscription her phone's browser would make, pointed at the test's push service.
  const phone = pushService.browser("phone");
  const subscribed = await page.evaluate(async (sub) => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const r = await fetch(`/api/v1/push/subscriptions/${crypto.randomUUID()}`, { method: "PUT",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token, "Accept-Language": "vi" }, body: JSON.stringify(sub) });
    return `${r.status} ${await r.text()}`;
  }, phone.subscription());
  check(subscribed.startsWith("201"), `subscribed: ${subscribed}`);
  await page.close();  // her app is closed

  const staff = await newContext({ viewport: { width: 1280, height: 900 } });
  const clin = await newClinician(staff, `lan-${Date.now()}@tudu.test`);
  const item = clin.getByTestId("queue-item").filter({ hasText: "Vú trái căng" });
  await clin.getByTestId("queue-preview").filter({ hasText: "Vú trái căng và đỏ một vùng" }).waitFor();  // what she asked
  await item.click();
  await clin.getByTestId("ws-thread").waitFor();
  await clin.getByLabel(/Reply|Trả lời/).fill("Chị chườm lạnh 10 phút và cho bé bú bên trái trước nhé.");
  await clin.getByRole("button", { name: /^(Send|Gửi)$/ }).click();

  // The push service receives an encrypted, signed message that says only that the team replied.
  const request = await pushService.next();
  check(request.path === "/push/phone" && request.headers["content-encoding"] === "aes128gcm", `a Web Push request: ${request.path}`);
  verifyVapid(request.headers.authorization, pushService.origin);
  const payload = JSON.parse(phone.decrypt(request.body));
  check(payload.title === "Nhóm tư vấn đã trả lời" && payload.url.startsWith("/consult/thread/"), `the notification: ${JSON.stringify(payload)}`);
  check(!JSON.stringify(payload).includes("chườm"), "no words of the reply in the notification");

  // The push service hands it to her browser: the service worker shows the notification.
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const registrations = new Map();
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e) => { for (const r of e.registrations) registrations.set(r.scopeURL, r.registrationId); });
  await cdp.send("ServiceWorker.enable");
  for (let i = 0; i < 50 && !registrations.has(server.base + "/"); i++) await new Promise((r) => setTimeout(r, 100));
  check(registrations.has(server.base + "/"), `the app's service worker is registered: ${[...registrations.keys()]}`);
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: server.base + "/", registrationId: registrations.get(server.base + "/"),
                                                       data: JSON.stringify(payload) });
  await blank.goto(server.base + "/");
  let shown = [];
  for (let i = 0; i < 50 && shown.length === 0; i++) {
    shown = await blank.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications())
      .map((n) => ({ title: n.title, body: n.body, url: n.data?.url, tag: n.tag })));
    if (shown.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  check(shown.length === 1 && shown[0].title === "Nhóm tư vấn đã trả lời" && shown[0].url === payload.url,
        `the notification is shown: ${JSON.stringify(shown)}`);

  // She opens the app: home and her list say the team replied; the thread is unread until she opens it.
  await blank.getByTestId("home-unread").waitFor();
  check((await blank.getByTestId("home-unread").innerText()).includes("1 tin mới"), "home says there is a reply");
  await blank.screenshot({ path: join(ARTIFACTS, "conversations-home-vi.png") });
  await blank.goto(server.base + "/consult");
  const unreadRow = blank.getByTestId("thread-row").filter({ hasText: "Vú trái căng" });
  await unreadRow.getByTestId("unread").waitFor();
  check(await blank.getByTestId("unread").count() === 1, "only the answered question is unread");
  await blank.screenshot({ path: join(ARTIFACTS, "conversations-list-vi.png") });
  await blank.goto(server.base + payload.url);  // as tapping the notification does
  await blank.getByText("Chị chườm lạnh 10 phút").waitFor();
  await blank.getByTestId("to-threads").click();
  await blank.getByTestId("thread-row").first().waitFor();
  await blank.waitForFunction(() => document.querySelectorAll("[data-testid=unread]").length === 0);
  check(await blank.getByTestId("thread-row").count() === 2, "still both in her list, none unread");
  check(violations.length === 0, `no CSP violations: ${violations.join("; ")}`);
  await Promise.all([context.close(), staff.close()]);
});
