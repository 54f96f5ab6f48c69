// Booking a visit: choose a service (same-day ones first after a same-day result), a free slot,
// who it is for, book. The server decides what is free and enforces every window; an emergency
// result closes self-booking there too, and this screen shows the emergency number instead.
import { useEffect, useState } from "preact/hooks";
import { ApiError, call } from "../api";
import { lang, t, type Key } from "../i18n";
import { useSignal } from "../state";
import type { Booking, OfferedService, ProviderSlots, Slot, Slots } from "../wire";
import { ProblemLine, problemText } from "../problem";

type Service = OfferedService;
type SlotItem = Slot;
export type BookingView = Booking;
type Chosen = { provider: ProviderSlots; slot: SlotItem };

// "Thu 27/11, 14:30" in her language, in the hospital's offset as the server wrote it.
export function slotTime(iso: string, withDay = true): string {
  const offset = iso.slice(-6);
  const minutes = (offset[0] === "-" ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const wall = new Date(Date.parse(iso) + minutes * 60000);  // shown as UTC: the wall-clock time there
  return new Intl.DateTimeFormat(lang.get(), {
    ...(withDay ? { weekday: "short", day: "numeric", month: "numeric" } : {}),
    hour: "2-digit", minute: "2-digit", timeZone: "UTC",
  }).format(wall);
}

// "Thu 27/11" for the local date the server's offset gives.
function slotDay(iso: string): string {
  return new Intl.DateTimeFormat(lang.get(), { weekday: "long", day: "numeric", month: "numeric", timeZone: "UTC" })
    .format(Date.parse(iso.slice(0, 10)));
}

// Slots grouped by their local date, in order.
function days(slots: SlotItem[]): [string, SlotItem[]][] {
  const out = new Map<string, SlotItem[]>();
  for (const s of slots) out.set(s.start.slice(0, 10), [...(out.get(s.start.slice(0, 10)) ?? []), s]);
  return [...out.entries()];
}

// Free times per provider and day; `seats` shows the places left (classes).
function SlotGrid({ slots, chosen, seats, onChoose }: {
  slots: Slots; chosen: Chosen | null; seats: boolean; onChoose: (c: Chosen) => void;
}) {
  return (
    <section aria-labelledby="times">
      <h2 id="times">{t("choose_time")}</h2>
      {slots.providers.every((p) => p.slots.length === 0) && <p>{t("no_slots")}</p>}
      {slots.providers.filter((p) => p.slots.length > 0).map((p) => (
        <div key={p.id} class="provider-slots">
          <h3>{p.name}</h3>
          {days(p.slots.slice(0, 36)).map(([day, list]) => (
            <div key={day}>
              <h4 class="slot-day">{slotDay(list[0].start)}</h4>
              <div class="slot-grid">
                {list.map((s) => {
                  const on = chosen?.slot.start === s.start && chosen.provider.id === p.id;
                  return (
                    <button key={s.start} class={on ? "primary" : ""} aria-pressed={on} aria-label={slotTime(s.start)}
                            onClick={() => onChoose({ provider: p, slot: s })}>
                      {slotTime(s.start, false)}{seats ? ` · ${t("seats_left", { n: s.seats_left })}` : ""}
                    </button>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

// The emergency number (and the hotline) where booking is closed by an emergency result.
function Blocked({ contact }: { contact: { emergency: string; hotline: string | null } }) {
  return (
    <section class="card" role="alert" data-testid="booking-blocked">
      <a class="emergency-call" href={`tel:${contact.emergency}`}>{t("call_emergency", { num: contact.emergency })}</a>
      <p>{t("booking_blocked")}</p>
      {contact.hotline && <a class="hotline big-button" href={`tel:${contact.hotline}`}>{t("call_hotline")}: {contact.hotline}</a>}
    </section>
  );
}

// Another time for the same visit: the server checks the window and that the time is free.
function MoveBooking({ b, done }: { b: BookingView; done: () => void }) {
  const [slots, setSlots] = useState<Slots | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [error, setError] = useState("");
  const load = () => call<Slots>("GET", `/api/v1/services/${b.service.id}/slots?days=7`)
    .then(setSlots).catch(() => setError(t("needs_connection")));
  useEffect(() => { void load(); }, []);
  async function move() {
    if (!chosen) return;
    try {
      await call("POST", `/api/v1/bookings/${b.id}/reschedule`, { start: chosen.slot.start, provider_id: chosen.provider.id });
      done();
    } catch (err) {
      setChosen(null);
      setError(!(err instanceof ApiError) ? t("needs_connection") : err.field === "/start" ? t("slot_gone") : t("too_late_to_move"));
      void load();
    }
  }
  return (
    <div class="move-booking" data-testid="move-booking">
      <ProblemLine text={error} />
      {slots?.blocked && <Blocked contact={slots.blocked.contact} />}
      {slots && !slots.blocked && <SlotGrid slots={slots} chosen={chosen} seats={false} onChoose={setChosen} />}
      {chosen && <button class="primary big-button" onClick={() => void move()}>{t("move_to", { time: slotTime(chosen.slot.start) })}</button>}
    </div>
  );
}

export function BookedCard({ b, onCancel, onMoved }: { b: BookingView; onCancel?: () => void; onMoved?: () => void }) {
  const l = useSignal(lang);
  const [moving, setMoving] = useState(false);
  const live = ["booked", "requested"].includes(b.status);
  const cancellable = (live || b.status === "held") && Date.now() < Date.parse(b.cancel_until);
  const movable = live && Date.now() < Date.parse(b.reschedule_until);
  return (
    <section class="card booking" data-testid="booking">
      <p class="big">{b.service.name[l]}</p>
      <p>{slotTime(b.start)} · {b.provider.name}{b.room ? ` · ${b.room.name}` : ""}</p>
      <p data-testid="booking-status">{t(`bs_${b.status}` as Key)}</p>
      {b.status !== "cancelled" && (
        <a class="link-button" href={`/api/v1/bookings/${b.id}/calendar.ics?lang=${l}`} download="tia-booking.ics">{t("add_to_calendar")}</a>
      )}
      {onMoved && movable && (
        <button aria-expanded={moving} onClick={() => setMoving(!moving)}>{t(moving ? "keep_time" : "change_time")}</button>
      )}
      {moving && onMoved && <MoveBooking b={b} done={() => { setMoving(false); onMoved(); }} />}
      {onCancel && cancellable && <button onClick={onCancel}>{t("cancel_booking")}</button>}
      {onCancel && !cancellable && live && <p class="note">{t("too_late_to_cancel")}</p>}
    </section>
  );
}

// `serviceId`: the visit her antenatal schedule asked for, chosen already.
export function Booking({ sameDay, done, serviceId }: { sameDay: boolean; done: () => void; serviceId?: string }) {
  const l = useSignal(lang);
  const [services, setServices] = useState<Service[] | null>(null);
  const [service, setService] = useState<Service | null>(null);
  const [slots, setSlots] = useState<Slots | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [booked, setBooked] = useState<BookingView | null>(null);
  const [error, setError] = useState("");
  // Her package does not include this visit (or its visits are used up): she confirms it first.
  const [outside, setOutside] = useState(false);
  useEffect(() => {
    call<{ items: Service[] }>("GET", "/api/v1/services").then((r) => {
      const items = [...r.items].sort((a, b) => Number(b.same_day) - Number(a.same_day));
      setServices(items);
      if (sameDay && items[0]?.same_day) setService(items[0]);
      const asked = items.find((s) => s.id === serviceId);
      if (asked) setService(asked);
    }).catch(() => setError(t("needs_connection")));
  }, []);
  useEffect(() => {
    if (!service) return;
    setSlots(null);
    call<Slots>("GET", `/api/v1/services/${service.id}/slots?days=${service.same_day ? 2 : 7}`)
      .then(setSlots).catch(() => setError(t("needs_connection")));
  }, [service]);

  const [subjects, setSubjects] = useState<string[]>(["mother"]);
  async function send(who: string[], outOfPackage: boolean) {
    if (!service || !chosen) return;
    try {
      setBooked(await call<BookingView>("PUT", `/api/v1/bookings/${crypto.randomUUID()}`, {
        service_id: service.id, provider_id: chosen.provider.id, start: chosen.slot.start,
        subjects: who.length ? who : ["mother"], ...(outOfPackage ? { out_of_package: true } : {}) }));
    } catch (err) {
      if (err instanceof ApiError && err.field === "/out_of_package") {
        setSubjects(who);
        setOutside(true);
        return;
      }
      setOutside(false);
      setChosen(null);
      setError(err instanceof ApiError && err.status === 409 ? t("slot_gone") : t("needs_connection"));
      if (service) setService({ ...service });  // reload the slots
    }
  }
  function book(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    void send(["mother", "baby"].filter((s) => f.get(s) === "on"), false);
  }

  if (booked) {
    return (
      <main class="screen booking">
        <h1>{t(booked.status === "requested" ? "booking_requested" : "booking_done")}</h1>
        <BookedCard b={booked} />
        <button class="primary big-button" onClick={done}>{t("back")}</button>
      </main>
    );
  }
  return (
    <main class="screen booking">
      <h1>{t("book_visit")}</h1>
      <ProblemLine text={error} />
      {slots?.blocked && <Blocked contact={slots.blocked.contact} />}
      {services && (
        <fieldset>
          <legend>{t("choose_service")}</legend>
          {services.map((s) => (
            <label class="check" key={s.id}>
              <input type="radio" name="service" checked={service?.id === s.id} onChange={() => { setChosen(null); setOutside(false); setService(s); }} />
              <span>{s.name[l]} · {s.duration_min} {t("min")}{s.modality !== "in_person" ? ` · ${t(`mod_${s.modality}` as Key)}` : ""}</span>
            </label>
          ))}
        </fieldset>
      )}
      {service && slots && !slots.blocked && (
        <SlotGrid slots={slots} chosen={chosen} seats={service.capacity > 1} onChoose={(c) => { setOutside(false); setChosen(c); }} />
      )}
      {chosen && service && outside && (
        <section class="card note-card" role="alert" data-testid="out-of-package">
          <p class="big">{t("out_of_package")}</p>
          <button class="primary big-button" onClick={() => void send(subjects, true)}>{t("out_of_package_book")}</button>
          <button class="big-button" onClick={() => { setOutside(false); setChosen(null); }}>{t("cancel")}</button>
        </section>
      )}
      {chosen && service && !outside && (
        <form class="card" onSubmit={book} data-testid="confirm-booking">
          <p class="big">{service.name[l]}: {slotTime(chosen.slot.start)} · {chosen.provider.name}</p>
          <label class="check"><input type="checkbox" name="mother" defaultChecked /><span>{t("for_me")}</span></label>
          <label class="check"><input type="checkbox" name="baby" defaultChecked={service.kind === "postpartum_check"} /><span>{t("for_baby")}</span></label>
          <button class="primary big-button" type="submit">{t("book_now")}</button>
        </form>
      )}
    </main>
  );
}

// Her visits: upcoming first, each movable and cancellable until its windows close.
export function Appointments({ go }: { go: (screen: string) => void }) {
  useSignal(lang);
  const [items, setItems] = useState<BookingView[] | null>(null);
  const [error, setError] = useState("");
  const load = () => call<{ items: BookingView[] }>("GET", "/api/v1/bookings").then((r) => setItems(r.items)).catch(() => setError(t("needs_connection")));
  useEffect(() => { void load(); }, []);
  async function cancel(id: string) {
    try {
      await call("POST", `/api/v1/bookings/${id}/cancel`, {});
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
    void load();
  }
  const now = Date.now();
  const upcoming = (items ?? []).filter((b) => Date.parse(b.end) >= now).reverse();
  const past = (items ?? []).filter((b) => Date.parse(b.end) < now);
  return (
    <main class="screen appointments">
      <h1>{t("appointments")}</h1>
      <button class="primary big-button" onClick={() => go("booking")}>{t("book_visit")}</button>
      <ProblemLine text={error} />
      {items && items.length === 0 && <p>{t("no_appointments")}</p>}
      {upcoming.map((b) => <BookedCard key={b.id} b={b} onCancel={() => void cancel(b.id)} onMoved={() => void load()} />)}
      {past.length > 0 && <h2>{t("past_visits")}</h2>}
      {past.map((b) => <BookedCard key={b.id} b={b} />)}
    </main>
  );
}
