/**
 * A picture of an SVG on the page, as an image a canvas can draw. An SVG loaded as an image sees
 * none of the page's style sheets, so every element's computed style (the properties SVG paints
 * with) is written onto its copy; <use> references to symbols elsewhere on the page are copied in.
 * The image is same-origin (a blob: URL), so the canvas it is drawn on stays readable and recordable.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * What SVG paints with and children inherit: written on an element only where it differs from its
 * parent's, since inside the image it is inherited all the same (a far shorter document to decode).
 */
const INHERITED = [
  'visibility',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'paint-order',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'text-transform',
  'white-space',
  'marker-start',
  'marker-mid',
  'marker-end',
] as const;

/** What SVG paints with and is not inherited, with the value that needs no writing. */
const OWN: readonly (readonly [string, string])[] = [
  ['display', 'inline'],
  ['opacity', '1'],
  ['filter', 'none'],
  ['text-decoration-line', 'none'],
  ['stop-color', 'rgb(0, 0, 0)'],
  ['stop-opacity', '1'],
];

/**
 * Write `source`'s computed style onto `copy` through the CSSOM. Setting a style attribute's text
 * would be inline style, which the page's Content-Security-Policy (style-src 'self') forbids; the
 * serializer writes the CSSOM's declarations out as the attribute all the same.
 */
function copyStyle(cs: CSSStyleDeclaration, parent: CSSStyleDeclaration | null, copy: SVGElement): void {
  const style = copy.style;
  style.cssText = '';
  for (const p of INHERITED) {
    const v = cs.getPropertyValue(p);
    if (v !== '' && (!parent || parent.getPropertyValue(p) !== v)) style.setProperty(p, v);
  }
  for (const [p, initial] of OWN) {
    const v = cs.getPropertyValue(p);
    if (v !== '' && v !== initial) style.setProperty(p, v);
  }
  const transform = cs.getPropertyValue('transform');
  if (transform !== '' && transform !== 'none') {
    style.setProperty('transform', transform);
    style.setProperty('transform-origin', cs.getPropertyValue('transform-origin'));
    style.setProperty('transform-box', cs.getPropertyValue('transform-box'));
  }
}

/** Copy `source`'s computed styles onto `copy`, element by element (the two are the same tree). */
function inlineStyles(source: Element, copy: Element): void {
  const styles = new Map<Element, CSSStyleDeclaration>();
  const styleOf = (el: Element): CSSStyleDeclaration => {
    let cs = styles.get(el);
    if (!cs) styles.set(el, (cs = getComputedStyle(el)));
    return cs;
  };
  // The root writes everything: the image has no page around it to inherit from.
  if (copy instanceof SVGElement) copyStyle(styleOf(source), null, copy);
  const from = source.querySelectorAll('*');
  const to = copy.querySelectorAll('*');
  for (let i = 0; i < from.length; i++) {
    const el = to[i];
    const original = from[i]!;
    const parent = original.parentElement;
    if (el instanceof SVGElement) copyStyle(styleOf(original), parent ? styleOf(parent) : null, el);
  }
}

/**
 * The SVG `svg` as it looks now, drawn `width` x `height` pixels (its viewBox fitted as on the
 * page), as an SVG document. Interaction-only attributes stay; the image is never interactive.
 */
export function serializeSvg(svg: SVGSVGElement, width: number, height: number): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  // Symbols the copy refers to but does not hold (the message shapes live in a page-wide sprite).
  const missing = new Set<string>();
  for (const use of copy.querySelectorAll('use')) {
    const href = use.getAttribute('href') ?? use.getAttribute('xlink:href') ?? '';
    if (href.startsWith('#') && !copy.querySelector(`[id="${CSS.escape(href.slice(1))}"]`)) missing.add(href.slice(1));
  }
  if (missing.size > 0) {
    const defs = document.createElementNS(SVG_NS, 'defs');
    for (const id of missing) {
      const original = document.getElementById(id);
      if (!original) continue;
      const symbol = original.cloneNode(true) as Element;
      inlineStyles(original, symbol);
      defs.appendChild(symbol);
    }
    copy.insertBefore(defs, copy.firstChild);
  }
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // The page's copy may be sized by CSS; the image is sized by its attributes alone.
  copy.style.removeProperty('width');
  copy.style.removeProperty('height');
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG document `text` decoded as an image, ready to draw. */
export async function svgImage(text: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    // Decoded: the image keeps its pixels without the URL.
    URL.revokeObjectURL(url);
  }
}
