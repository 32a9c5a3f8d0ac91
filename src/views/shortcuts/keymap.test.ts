import { describe, expect, it } from 'vitest';
import { commandFor, SHORTCUTS } from './keymap.ts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  commandFor({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps every listed command to a key, and the help list names each command once', () => {
    const commands = SHORTCUTS.map((s) => s.command);
    expect(new Set(commands).size).toBe(commands.length);
    const reachable = new Set(
      [' ', 'ArrowRight', 'ArrowLeft', 'Escape', '?', '-', '+', '1', 'c', 'r', 't', 'l', 's', 'h', 'w', 'g', 'p', 'f'].map(
        (k) => press(k)?.command,
      ),
    );
    for (const c of commands) expect(reachable).toContain(c);
  });

  it('chooses servers by number and leaves browser shortcuts alone', () => {
    expect(press('3')).toEqual({ command: 'selectNode', node: 3 });
    expect(press('C')).toEqual({ command: 'crash' });
    expect(press('c', { ctrlKey: true })).toBeNull();
    expect(press('r', { metaKey: true })).toBeNull();
    expect(press('0')).toBeNull();
    expect(press('x')).toBeNull();
  });
});
