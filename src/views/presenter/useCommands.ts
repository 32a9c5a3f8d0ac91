import { useLab } from '../../store/context.ts';
import type { LabStore } from '../../store/lab.ts';
import { selectLeader } from '../../store/simStore.ts';
import { describeSpeed } from '../../store/speed.ts';
import { useShortcuts } from '../shortcuts/useShortcuts.ts';
import type { Command } from '../shortcuts/keymap.ts';

/** The server a command acts on: the chosen one. */
function chosen(lab: LabStore): string | null {
  const s = lab.sim.getState();
  return s.nodes.some((n) => n.id === s.selected) ? s.selected : null;
}

function onChosen(lab: LabStore, verb: string, run: (node: string) => void): void {
  const node = chosen(lab);
  if (node === null) lab.actions.say(`Choose a server first (keys 1 to 9), then ${verb}.`);
  else run(node);
}

/** What each keyboard command does; the keymap (and the help overlay) says which key. */
export function runCommand(lab: LabStore, command: Command, node?: number): void {
  const {
    act,
    clientWrite,
    clientRead,
    heal,
    select,
    split,
    slower,
    faster,
    stepOnce,
    togglePlay,
    closeExplanation,
    openLessonMenu,
    setHelp,
    toggleFullscreen,
    togglePresenter,
    stepBackOnce,
    say,
  } = lab.actions;
  const s = lab.sim.getState();
  switch (command) {
    case 'playPause':
      togglePlay();
      return say(lab.sim.getState().playing ? 'Playing.' : 'Paused.');
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
      return onChosen(lab, 'crash it', (id) => act({ type: 'crash', node: id }));
    case 'restart':
      return onChosen(lab, 'restart it', (id) => act({ type: 'restart', node: id }));
    case 'timeoutNow':
      return onChosen(lab, 'make it time out', (id) => act({ type: 'timeoutNow', node: id }));
    case 'transfer':
      return onChosen(lab, 'press L to hand it the leadership', (id) => {
        const leader = selectLeader(s);
        if (leader === null) return say('There is no leader to hand over.');
        if (leader.id === id) return say(`${id} is the leader already: choose another server.`);
        act({ type: 'transfer', to: id });
        say(`${leader.id} hands leadership to ${id}.`);
      });
    case 'split': {
      if (s.cut.length > 0) return say('The network is already split: press H to heal it.');
      const leader = selectLeader(s)?.id;
      split();
      return say(leader ? `Split: ${leader} with the ${s.splitSide}.` : 'Split: no leader, the first servers form the majority.');
    }
    case 'slower':
      slower();
      return say(describeSpeed(lab.sim.getState().speed) + '.');
    case 'faster':
      faster();
      return say(describeSpeed(lab.sim.getState().speed) + '.');
    case 'heal':
      heal();
      return say('Network healed.');
    case 'write':
      clientWrite();
      return say('Client write sent to the leader.');
    case 'read':
      clientRead();
      return say('Client read sent to the leader.');
    case 'presenter':
      return togglePresenter();
    case 'fullscreen':
      return toggleFullscreen();
    case 'help':
      return setHelp(!lab.presenter.getState().help);
    case 'escape':
      setHelp(false);
      openLessonMenu(false);
      closeExplanation();
      return select(null);
  }
}

/** Wire the global shortcuts; while a dialog is open only Escape and ? reach the cluster. */
export function useCommands(): void {
  const lab = useLab();
  useShortcuts((command, node) => {
    const dialog = lab.presenter.getState().help || lab.lesson.getState().menuOpen;
    if (dialog && command !== 'help' && command !== 'escape') return;
    // Away from the live view the cluster is hidden: only page-wide keys apply.
    const pageWide = command === 'help' || command === 'escape' || command === 'presenter' || command === 'fullscreen';
    if (lab.view.getState().view !== 'live' && !pageWide) return;
    runCommand(lab, command, node);
  });
}
