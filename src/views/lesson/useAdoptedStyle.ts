import { useLayoutEffect } from 'react';

/**
 * Applies a style sheet built at run time through the CSSOM (a constructed CSSStyleSheet), not a
 * <style> element: the page's Content-Security-Policy allows only its own style files, and the
 * highlight rules are made from lesson data, so they must never be parsed as markup.
 */
export function useAdoptedStyle(css: string): void {
  useLayoutEffect(() => {
    if (css === '') return undefined;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [css]);
}
