// Each range gets a colour and a dash pattern, so lines differ without colour too.
const COLORS = ['#dc2626', '#ea580c', '#ca8a04', '#16a34a', '#2563eb', '#7c3aed', '#db2777', '#0891b2', '#475569', '#65a30d', '#9333ea'];
const DASHES = ['', '6 3', '2 3', '10 3 2 3', '1 2', '12 4', '4 2 1 2', '8 2', '3 5', '14 2 2 2', '5 5'];

export function seriesStyle(i: number): { color: string; dash: string } {
  return { color: COLORS[i % COLORS.length]!, dash: DASHES[i % DASHES.length]! };
}
