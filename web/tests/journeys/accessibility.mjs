// Accessibility: axe-core on each screen.
import {
  ARTIFACTS, axe, check, feeds, join, newContext, newMother, only, scanner, server, test, walk,
} from "../harness.mjs";

await test("accessibility: axe-core finds no serious or critical violation on each screen", async () => {
  // axe is injected as a script, which the app's CSP forbids: this context bypasses CSP for it only.
  const context = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const scan = scanner(page);

  await page.goto(server.base + "/");
  await page.getByRole("button", { name: /Create an account|Tạo tài khoản/ }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "register.png"), fullPage: true });
  await scan("register");
  await context.close();
  const c2 = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const { page: p2 } = await newMother(c2);
  const scan2 = scanner(p2);

  await scan2("home");
  await p2.getByRole("button", { name: "Start a feed" }).click();
  await p2.getByRole("button", { name: "Start left" }).click();
  await scan2("feed timer");
  await p2.getByTestId("discard").click();
  await scan2("discard confirmation");
  await p2.getByTestId("discard-yes").click();
  await p2.getByRole("button", { name: "Pumping" }).click();
  await scan2("pumping");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "Breast check-in" }).click();
  await scan2("breast check-in");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "Symptom check" }).click();
  // Every question screen, with the questions that open others answered so that they show.
  await walk(p2, { side: "left", lump: true, breast_feel: ["focal_tender_area"], temperature: 38.4, feelings: ["chills"],
                   heart_rate: 135, on_antibiotics: true }, (section) => scan2(`symptom questions: ${section}`));
  await p2.getByRole("button", { name: "See the result" }).click();
  await p2.getByTestId("disposition").waitFor();
  await scan2("emergency result");
  await p2.getByRole("button", { name: "Tia" }).click();
  await scan2("home with a re-check");
  await p2.getByRole("button", { name: "Symptom check" }).click();
  await walk(p2, { side: "left", breast_feel: ["focal_tender_area"], heart_rate: "unknown" });
  await scan2("symptom review");
  await p2.getByRole("button", { name: "See the result" }).click();
  await p2.getByRole("button", { name: "Start guided self-care" }).click();
  await p2.getByText("Step 1 of 10").waitFor();
  await scan2("guided self-care");
  await p2.getByRole("button", { name: "Settings" }).click();
  await p2.screenshot({ path: join(ARTIFACTS, "settings.png"), fullPage: true });
  await scan2("settings");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "Start a feed" }).click();
  await p2.getByRole("button", { name: "Log a past feed" }).click();
  await scan2("past feed");
  await p2.goto(server.base + "/?screen=nappy");  // the manifest's shortcut
  await p2.getByRole("heading", { name: "Nappy" }).waitFor();
  await scan2("nappy");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "History and charts" }).click();
  await p2.getByTestId("chart-feeds").waitFor();
  await p2.locator("details.chart-table").first().evaluate((d) => { d.open = true; });
  await scan2("history");
  await p2.getByRole("button", { name: "Summary for my midwife or doctor" }).click();
  await p2.getByTestId("summary").waitFor();
  await scan2("printable summary");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "Appointments" }).click();
  await scan2("appointments");
  await p2.getByRole("button", { name: "Book a visit" }).click();
  await p2.getByLabel(/Lactation consult/).check();
  await p2.locator(".slot-grid button").first().click();
  await scan2("booking: times and confirmation");
  // The same screens in the dark theme and in nursery mode (their own colours, so their own contrast).
  for (const [label, name] of [["Dark", "dark"], ["Nursery mode", "nursery"]]) {
    await p2.getByRole("button", { name: "Settings" }).click();
    await p2.getByLabel(label).check();
    await scan2(`settings (${name})`);
    await p2.getByRole("button", { name: "Tia" }).click();
    await scan2(`home (${name})`);
    await p2.getByRole("button", { name: "History and charts" }).click();
    await p2.getByTestId("chart-feeds").waitFor();
    await scan2(`history (${name})`);
    await p2.getByRole("button", { name: "Tia" }).click();
    await p2.getByRole("button", { name: "Breast check-in" }).click();
    await scan2(`breast check-in (${name})`);
    await p2.getByRole("button", { name: "Tia" }).click();
  }
  await c2.close();
  const c3 = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const p3 = await c3.newPage();
  await p3.goto(server.base + "/");
  await p3.getByRole("button", { name: /I have an invitation code|Tôi có mã mời/ }).click();
  await scanner(p3)("caregiver joining");
  await c3.close();
});
