// Zalo (issue 16): the admin maps the hospital's approved ZNS templates on a laptop, in Vietnamese;
// a mother chooses Zalo for her messages on her phone. What is sent is tests/api/test_zalo.py's.
import {
  ARTIFACTS, ENGLISH_ONLY, check, englishOn, join, newContext, newMother, scanner, signIn, test,
} from "../harness.mjs";

await test("zalo: the admin maps an approved template in Vietnamese; a mother chooses Zalo on her phone", async () => {
  const context = await newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await signIn(context, "admin@tudu.test", "an admin password 123", "Hospital settings");
  await page.evaluate(() => localStorage.setItem("tia.lang", "vi"));
  await page.reload();
  const card = page.getByTestId("zalo");
  await card.getByRole("heading", { name: "Tin nhắn Zalo (ZNS)" }).waitFor();
  await card.getByLabel("Gửi qua Zalo").check();
  // Switched on without the Official Account's token: refused, naming it, nothing stored.
  const appointment = card.locator("fieldset[data-purpose=appointment]");
  await appointment.getByLabel("Mã mẫu tin (template ID)").fill("231245");
  await appointment.getByLabel(/Nội dung đã duyệt/).fill("Chào <ten_khach>, lịch hẹn tại <benh_vien> lúc <gio_hen> đã được đặt.");
  // Each parameter of the text gets a row: what fills it and its length limit.
  await appointment.getByLabel("gio_hen: Điền bằng").selectOption("time");
  await appointment.getByLabel("gio_hen: Số ký tự tối đa").fill("20");
  await appointment.getByLabel("benh_vien: Điền bằng").selectOption("hospital");
  await appointment.getByLabel("benh_vien: Số ký tự tối đa").fill("100");
  await card.getByRole("button", { name: "Lưu cài đặt Zalo" }).click();
  await card.getByText("cần có khi bật Zalo lần đầu").waitFor();
  await card.getByLabel("Access token của OA").fill("oa-token-for-the-test");
  await card.getByRole("button", { name: "Lưu cài đặt Zalo" }).click();
  await card.getByText("Đã lưu.").waitFor();
  const saved = await page.evaluate(async () => (await (await fetch("/api/v1/hospital/zalo")).json()));
  check(saved.enabled && saved.access_token_set && JSON.stringify(saved).indexOf("oa-token-for-the-test") < 0,
        `on, the token kept and not shown: ${JSON.stringify(saved)}`);
  check(JSON.stringify(saved.templates.appointment.params) === JSON.stringify({
    benh_vien: { max: 100, value: "hospital" }, gio_hen: { max: 20, value: "time" }, ten_khach: { max: 30, value: "name" } }),
        `the parameters mapped: ${JSON.stringify(saved.templates.appointment)}`);
  check((await card.getByLabel("Access token của OA").getAttribute("placeholder")).startsWith("Đã lưu"), "the token field says it is saved");
  await card.getByTestId("zalo-incidents").getByText("Chưa có.").waitFor();
  // The card's own words (the rest of the admin screen shows what staff wrote, in any language).
  const cardText = await card.innerText();
  const english = ENGLISH_ONLY.filter((s) => cardText.includes(s));
  check(english.length === 0, `no English on the Vietnamese Zalo card: ${english}`);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(ARTIFACTS, "admin-zalo-vi.png") });
  await scanner(page)("admin zalo");
  await context.close();

  // The same card on a 390 px phone: a template's parameters fit without scrolling sideways.
  const small = await newContext({ viewport: { width: 390, height: 844 } });
  const admin = await signIn(small, "admin@tudu.test", "an admin password 123", "Hospital settings");
  const onPhone = admin.getByTestId("zalo").locator("fieldset[data-purpose=reminder]");
  await onPhone.locator("textarea").fill("Chào <ten_khach_hang>, nhắc lịch hẹn tại <benh_vien> lúc <gio_hen> với <bac_si>.");
  await onPhone.getByLabel("bac_si: Filled with").waitFor();
  const widths = await admin.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(widths[0] <= widths[1], `the parameters fit the phone: ${widths}`);
  await small.close();

  // A mother, on her phone, in Vietnamese: Zalo and text messages, not e-mail.
  const phone = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const { page: her } = await newMother(phone, "vi");
  await her.getByRole("button", { name: "Cài đặt" }).click();
  const messages = her.getByTestId("message-channels");
  await messages.getByRole("heading", { name: "Bệnh viện nhắn cho bạn qua" }).waitFor();
  check(await messages.getByLabel("E-mail", { exact: true }).isChecked(), "e-mail until she chooses");
  await messages.getByLabel("Zalo", { exact: true }).check();
  await messages.getByLabel("E-mail", { exact: true }).uncheck();
  await messages.getByRole("button", { name: "Lưu" }).click();
  await messages.getByText("cần số điện thoại để nhận tin nhắn SMS và Zalo").waitFor();  // no number yet
  await messages.getByLabel("Số điện thoại nhận SMS và Zalo").fill("0901 234 567");
  await messages.getByRole("button", { name: "Lưu" }).click();
  await messages.getByText("Đã lưu", { exact: true }).waitFor();
  const profile = await her.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    return (await fetch(`/api/v1/mothers/${me.id}/profile`)).json();
  });
  check(JSON.stringify(profile.message_channels) === JSON.stringify(["sms", "zalo"]) || JSON.stringify(profile.message_channels) === JSON.stringify(["zalo"]),
        `her choice is kept: ${JSON.stringify(profile.message_channels)}`);
  check(profile.phone === "0901234567", `her number, as digits: ${profile.phone}`);
  // The card's save is on screen when she reaches it, and the page is Vietnamese.
  await messages.getByRole("button", { name: "Lưu" }).scrollIntoViewIfNeeded();
  const box = await messages.getByRole("button", { name: "Lưu" }).boundingBox();
  check(box && box.y >= 0 && box.y + box.height <= 844 && box.x + box.width <= 390, `the save button is on screen: ${JSON.stringify(box)}`);
  const herEnglish = await englishOn(her);
  check(herEnglish.length === 0, `no English on her settings: ${herEnglish}`);
  await messages.screenshot({ path: join(ARTIFACTS, "settings-messages-vi.png") });
  await scanner(her)("settings messages");
  await phone.close();
});
