import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code for `text`, drawn as SVG squares from the module matrix (qrcode-generator computes
 * it), so no markup is ever built from a string.
 */
export function QrCode({ text, size, label }: { readonly text: string; readonly size: number; readonly label: string }) {
  const path = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(text);
    code.make();
    const n = code.getModuleCount();
    let d = '';
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (code.isDark(r, c)) d += `M${c + 4} ${r + 4}h1v1h-1z`;
    return { d, n: n + 8 };
  }, [text]);
  return (
    <svg
      className="qr"
      width={size}
      height={size}
      viewBox={`0 0 ${path.n} ${path.n}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={path.n} height={path.n} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
