// A QR code drawn as SVG rectangles (no inline style, so the strict CSP holds), loaded only when
// she asks for one. The encoder is qrcode-generator from npm.
import qrcode from "qrcode-generator";

export function QrCode({ text, label }: { text: string; label: string }) {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const cells: string[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) cells.push(`M${c + 4} ${r + 4}h1v1h-1z`);
  }
  return (
    <svg class="qr" role="img" aria-label={label} viewBox={`0 0 ${n + 8} ${n + 8}`} data-testid="invite-qr" data-text={text}>
      <rect width={n + 8} height={n + 8} fill="#fff" />
      <path d={cells.join("")} fill="#000" />
    </svg>
  );
}
