/** `?embed=1` in the address: the page shows only the stage and a small control bar. */
export function isEmbedded(search: string): boolean {
  return new URLSearchParams(search).get('embed') === '1';
}

/** The address of the full app for an embedded page's address: the same run, without `embed`. */
export function fullAppUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('embed');
  return url.toString();
}

/** The embedded page's address for a run link made from the full app (`base#run=...`). */
export function embedUrl(runUrl: string): string {
  const url = new URL(runUrl);
  url.searchParams.set('embed', '1');
  return url.toString();
}

/** Escape a value for a double-quoted HTML attribute: the snippet is text the teacher pastes. */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The `<iframe>` to paste into slides or a course page. `allow-scripts` is all the page needs
 * (no storage, no clipboard, no same-origin); `allow-popups` lets its "Open in the full app"
 * link open a tab.
 */
export function embedSnippet(src: string, width: number, height: number): string {
  return (
    `<iframe src="${attribute(src)}" width="${width}" height="${height}" ` +
    `sandbox="allow-scripts allow-popups" loading="lazy" title="Raft cluster simulation" ` +
    `style="border:0"></iframe>`
  );
}
