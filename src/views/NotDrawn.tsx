/**
 * A bounded view says what it left out: "312 more messages in flight not drawn". Nothing when
 * everything is drawn.
 */
export function NotDrawn({ count, what, testId }: { readonly count: number; readonly what: string; readonly testId: string }) {
  if (count <= 0) return null;
  return (
    <p className="not-drawn" data-testid={testId}>
      {count.toLocaleString('en')} more {what} not drawn
    </p>
  );
}
