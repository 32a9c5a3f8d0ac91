/** Everything the keyboard can do, in one list: the help overlay is drawn from it. */
export type Command =
  | 'playPause'
  | 'stepForward'
  | 'stepBack'
  | 'selectNode'
  | 'crash'
  | 'restart'
  | 'timeoutNow'
  | 'transfer'
  | 'split'
  | 'heal'
  | 'write'
  | 'read'
  | 'slower'
  | 'faster'
  | 'presenter'
  | 'fullscreen'
  | 'help'
  | 'escape';

export interface Shortcut {
  readonly keys: readonly string[];
  readonly command: Command;
  readonly label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space'], command: 'playPause', label: 'Play or pause' },
  { keys: ['→', '.'], command: 'stepForward', label: 'Step to the next event' },
  { keys: ['←', ','], command: 'stepBack', label: 'Step back one event' },
  { keys: ['1', '…', '9'], command: 'selectNode', label: 'Choose server S1 … S9' },
  { keys: ['C'], command: 'crash', label: 'Crash the chosen server' },
  { keys: ['R'], command: 'restart', label: 'Restart the chosen server' },
  { keys: ['T'], command: 'timeoutNow', label: 'Make the chosen server time out now' },
  { keys: ['L'], command: 'transfer', label: 'Ask the leader to hand leadership to the chosen server' },
  { keys: ['S'], command: 'split', label: 'Split the cluster 3/2 (the leader goes to the side chosen beside the button)' },
  { keys: ['H'], command: 'heal', label: 'Heal the network' },
  { keys: ['W'], command: 'write', label: 'Send a client write' },
  { keys: ['G'], command: 'read', label: 'Send a client read (get the key last written)' },
  { keys: ['-'], command: 'slower', label: 'Slower' },
  { keys: ['+'], command: 'faster', label: 'Faster' },
  { keys: ['P'], command: 'presenter', label: 'Presenter view on or off' },
  { keys: ['F'], command: 'fullscreen', label: 'Full screen on or off' },
  { keys: ['?'], command: 'help', label: 'Show or hide this list' },
  { keys: ['Esc'], command: 'escape', label: 'Close this list or an explanation, clear the selection' },
];

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** The command a key press means, and for digits the server number. Null for anything else. */
export function commandFor(e: KeyPress): { command: Command; node?: number } | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (/^[1-9]$/.test(e.key)) return { command: 'selectNode', node: Number(e.key) };
  switch (e.key) {
    case ' ':
      return { command: 'playPause' };
    case 'ArrowRight':
    case '.':
      return { command: 'stepForward' };
    case 'ArrowLeft':
    case ',':
      return { command: 'stepBack' };
    case 'Escape':
      return { command: 'escape' };
    case '?':
      return { command: 'help' };
    case '-':
      return { command: 'slower' };
    case '+':
    case '=':
      return { command: 'faster' };
  }
  switch (e.key.toLowerCase()) {
    case 'c':
      return { command: 'crash' };
    case 'r':
      return { command: 'restart' };
    case 't':
      return { command: 'timeoutNow' };
    case 'l':
      return { command: 'transfer' };
    case 's':
      return { command: 'split' };
    case 'h':
      return { command: 'heal' };
    case 'w':
      return { command: 'write' };
    case 'g':
      return { command: 'read' };
    case 'p':
      return { command: 'presenter' };
    case 'f':
      return { command: 'fullscreen' };
  }
  return null;
}
