import { isSessionId } from './protocol.ts';

/** Where the relay is, from `?relay=`: a ws:// or wss:// URL, or a bare host:port (ws:// assumed). */
export type RelayParam = { readonly url: string } | { readonly error: string } | null;

export function relayFromSearch(search: string): RelayParam {
  const raw = new URLSearchParams(search).get('relay');
  if (raw === null || raw.trim() === '') return null;
  const text = /^[a-z]+:\/\//i.test(raw) ? raw.trim() : `ws://${raw.trim()}`;
  try {
    const url = new URL(text);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return { error: 'The relay address must start with ws:// or wss://.' };
    return { url: url.href.replace(/\/$/, '') };
  } catch {
    return { error: 'The relay address in this link is not an address.' };
  }
}

/** The session a student's link follows: `#follow=CODE`. */
export function followCodeFromHash(hash: string): string | null {
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part.startsWith('follow=')) continue;
    const code = part.slice('follow='.length).toUpperCase();
    return isSessionId(code) ? code : null;
  }
  return null;
}

/** The link students open: this app, the same relay, the session's code. */
export function studentLink(pageUrl: string, relayUrl: string, code: string): string {
  const url = new URL(pageUrl);
  url.hash = '';
  const query = new URLSearchParams();
  query.set('relay', relayUrl);
  url.search = query.toString();
  return `${url.href}#follow=${code}`;
}
