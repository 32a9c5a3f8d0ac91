import { act, clientWrite, heal, select, split, stepOnce, togglePlay } from '../../store/actions.ts';
import { closeExplanation } from '../../store/explainStore.ts';
import { openLessonMenu, useLesson } from '../../store/lessonStore.ts';
import { setHelp, toggleFullscreen, togglePresenter, usePresenter } from '../../store/presenter.ts';
import { selectLeader, useSim } from '../../store/simStore.ts';
import { stepBackOnce } from '../../store/travelActions.ts';
import { useView } from '../../store/viewStore.ts';
import { useShortcuts } from '../shortcuts/useShortcuts.ts';
import type { Command } from '../shortcuts/keymap.ts';
import { say } from './say.ts';

/** The server a command acts on: the chosen one. */
function chosen(): string | null {
  const s = useSim.getState();
  return s.nodes.some((n) => n.id === s.selected) ? s.selected : null;
}

function onChosen(verb: string, run: (node: string) => void): void {
  const node = chosen();
  if (node === null) say(`Choose a server first (keys 1 to 9), then ${verb}.`);
  else run(node);
}

/** What each keyboard command does; the keymap (and the help overlay) says which key. */
export function runCommand(command: Command, node?: number): void {
  const s = useSim.getState();
  switch (command) {
    case 'playPause':
      togglePlay();
      return say(useSim.getState().playing ? 'Playing.' : 'Paused.');
    case 'stepForward':
      return stepOnce();
    case 'stepBack':
      return stepBackOnce();
    case 'selectNode': {
      const id = `S${node ?? 0}`;
      if (!s.nodes.some((n) => n.id === id)) return say(`There is no server ${id}.`);
      select(id);
      return say(`${id} chosen.`);
    }
    case 'crash':
      return onChosen('crash it', (id) => act({ type: 'crash', node: id }));
    case 'restart':
      return onChosen('restart it', (id) => act({ type: 'restart', node: id }));
    case 'timeoutNow':
      return onChosen('make it time out', (id) => act({ type: 'timeoutNow', node: id }));
    case 'split':
      if (s.cut.length > 0) return say('The network is already split: press H to heal it.');
      split('majority');
      return say(`Split: ${selectLeader(s)?.id ?? 'the first servers'} with the majority.`);
    case 'heal':
      heal();
      return say('Network healed.');
    case 'write':
      clientWrite();
      return say('Client write sent to the leader.');
    case 'presenter':
      return togglePresenter();
    case 'fullscreen':
      return toggleFullscreen();
    case 'help':
      return setHelp(!usePresenter.getState().help);
    case 'escape':
      setHelp(false);
      openLessonMenu(false);
      closeExplanation();
      return select(null);
  }
}

/** Wire the global shortcuts; while a dialog is open only Escape and ? reach the cluster. */
export function useCommands(): void {
  useShortcuts((command, node) => {
    const dialog = usePresenter.getState().help || useLesson.getState().menuOpen;
    if (dialog && command !== 'help' && command !== 'escape') return;
    // Away from the live view the cluster is hidden: only page-wide keys apply.
    const pageWide = command === 'help' || command === 'escape' || command === 'presenter' || command === 'fullscreen';
    if (useView.getState().view !== 'live' && !pageWide) return;
    runCommand(command, node);
  });
}
