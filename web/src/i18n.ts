// Every string the app shows, in Vietnamese and English. Dates and numbers go through Intl.
import { signal } from "./state";

export type Lang = "vi" | "en";

const en = {
  app_name: "Tia",
  tagline: "Breastfeeding and breast care with your hospital",
  sign_in: "Sign in",
  register: "Create an account",
  email: "E-mail",
  password: "Password (at least 12 characters)",
  your_name: "Your name",
  hospital: "Your hospital",
  consent: "I agree that Tia stores my feeding and breast-care data for my care.",
  have_account: "I already have an account",
  no_account: "I am new here",
  home: "Home",
  last_feed: "Last feed",
  ended_on: "ended on the",
  no_feed_yet: "No feed logged yet",
  ago: "ago",
  left: "left",
  right: "right",
  quick_feed: "Start a feed",
  quick_pump: "Pumping",
  quick_check: "Breast check-in",
  quick_symptoms: "Symptom check",
  worth_checking: "Worth checking",
  nothing_to_check: "Nothing needs checking right now.",
  feed_title: "Feed",
  start_left: "Start left",
  start_right: "Start right",
  switch_side: "Switch side",
  pause: "Pause",
  resume: "Resume",
  finish: "Finish and save",
  cancel: "Discard",
  paused: "Paused",
  side_total: "total",
  saved: "Saved",
  sync_pending: "waiting to send",
  sync_all: "All sent",
  sync_offline: "Offline: saved on this phone",
  settings: "Settings",
  language: "Language",
  sign_out: "Sign out",
  back: "Back",
  error_generic: "Something went wrong. Please try again.",
  min: "min",
  h: "h",
  pump_title: "Pumping or hand expression",
  method: "Method",
  m_electric_double: "Electric, both sides",
  m_electric_single: "Electric, one side",
  m_manual_pump: "Hand pump",
  m_hand_expression: "Hand expression",
  unit: "Unit",
  left_amount: "Left",
  right_amount: "Right",
  minutes: "Minutes",
  save: "Save",
  check_title: "How do your breasts feel?",
  side_left: "Left breast",
  side_right: "Right breast",
  where_hurts: "Tap where it hurts or where the lump is",
  at_oclock: "at {n} o'clock",
  pain: "Pain (0 = none, 10 = worst)",
  redness: "Redness",
  r_none: "None",
  r_focal: "A patch",
  r_one_third_or_more: "A third of the breast or more",
  redness_note: "Redness is harder to see on darker skin: warmth and pain count too.",
  nipple: "Nipple",
  n_sore: "Sore",
  n_cracked: "Cracked",
  n_crack_pus_or_crust: "Crack with pus or crust",
  n_white_spot: "White spot",
  temperature: "Temperature",
  chills: "Chills or shivering",
  very_unwell: "I feel very unwell",
  need_a_side: "Describe at least one side, or a temperature.",
};

type Key = keyof typeof en;

const vi: Record<Key, string> = {
  app_name: "Tia",
  tagline: "Nuôi con bằng sữa mẹ và chăm sóc vú cùng bệnh viện của bạn",
  sign_in: "Đăng nhập",
  register: "Tạo tài khoản",
  email: "Thư điện tử",
  password: "Mật khẩu (ít nhất 12 ký tự)",
  your_name: "Tên của bạn",
  hospital: "Bệnh viện của bạn",
  consent: "Tôi đồng ý để Tia lưu dữ liệu cho bú và chăm sóc vú của tôi để phục vụ việc chăm sóc.",
  have_account: "Tôi đã có tài khoản",
  no_account: "Tôi là người mới",
  home: "Trang chính",
  last_feed: "Cữ bú gần nhất",
  ended_on: "kết thúc ở bên",
  no_feed_yet: "Chưa ghi cữ bú nào",
  ago: "trước",
  left: "trái",
  right: "phải",
  quick_feed: "Bắt đầu cho bú",
  quick_pump: "Hút sữa",
  quick_check: "Kiểm tra vú",
  quick_symptoms: "Kiểm tra triệu chứng",
  worth_checking: "Nên kiểm tra",
  nothing_to_check: "Hiện không có gì cần kiểm tra.",
  feed_title: "Cữ bú",
  start_left: "Bắt đầu bên trái",
  start_right: "Bắt đầu bên phải",
  switch_side: "Đổi bên",
  pause: "Tạm dừng",
  resume: "Tiếp tục",
  finish: "Kết thúc và lưu",
  cancel: "Bỏ",
  paused: "Đang tạm dừng",
  side_total: "tổng",
  saved: "Đã lưu",
  sync_pending: "đang chờ gửi",
  sync_all: "Đã gửi hết",
  sync_offline: "Ngoại tuyến: đã lưu trên điện thoại",
  settings: "Cài đặt",
  language: "Ngôn ngữ",
  sign_out: "Đăng xuất",
  back: "Quay lại",
  error_generic: "Có lỗi xảy ra. Vui lòng thử lại.",
  min: "phút",
  h: "giờ",
  pump_title: "Hút sữa hoặc vắt sữa bằng tay",
  method: "Cách lấy sữa",
  m_electric_double: "Máy điện, hai bên",
  m_electric_single: "Máy điện, một bên",
  m_manual_pump: "Máy hút tay",
  m_hand_expression: "Vắt bằng tay",
  unit: "Đơn vị",
  left_amount: "Bên trái",
  right_amount: "Bên phải",
  minutes: "Số phút",
  save: "Lưu",
  check_title: "Vú của bạn cảm thấy thế nào?",
  side_left: "Vú trái",
  side_right: "Vú phải",
  where_hurts: "Chạm vào chỗ đau hoặc chỗ có cục",
  at_oclock: "ở vị trí {n} giờ",
  pain: "Mức đau (0 = không đau, 10 = đau nhất)",
  redness: "Vùng đỏ",
  r_none: "Không",
  r_focal: "Một mảng",
  r_one_third_or_more: "Từ một phần ba vú trở lên",
  redness_note: "Trên da sẫm màu khó thấy vùng đỏ hơn: cảm giác nóng và đau cũng cần tính đến.",
  nipple: "Đầu vú",
  n_sore: "Đau",
  n_cracked: "Nứt",
  n_crack_pus_or_crust: "Nứt có mủ hoặc vảy",
  n_white_spot: "Đốm trắng",
  temperature: "Nhiệt độ",
  chills: "Ớn lạnh hoặc run",
  very_unwell: "Tôi cảm thấy rất mệt",
  need_a_side: "Hãy mô tả ít nhất một bên vú, hoặc nhập nhiệt độ.",
};

const catalogs: Record<Lang, Record<Key, string>> = { en, vi };

export const lang = signal<Lang>((localStorage.getItem("tia.lang") as Lang) || "vi");

export function setLang(l: Lang): void {
  localStorage.setItem("tia.lang", l);
  document.documentElement.lang = l;
  lang.set(l);
}

export type { Key };

export function t(key: Key, vars?: Record<string, string | number>): string {
  let s = catalogs[lang.get()][key];
  for (const [k, v] of Object.entries(vars ?? {})) s = s.replace(`{${k}}`, new Intl.NumberFormat(lang.get()).format(Number(v)));
  return s;
}

// "1 h 5 min" in the current language.
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 60000));
  const nf = new Intl.NumberFormat(lang.get());
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${nf.format(h)} ${t("h")} ${nf.format(m)} ${t("min")}` : `${nf.format(m)} ${t("min")}`;
}

export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor(s / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return `${mm}:${ss}`;
}
