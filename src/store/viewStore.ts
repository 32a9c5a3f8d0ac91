import { useStore } from 'zustand';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

/** The app's top-level views. The live cluster is always there; experiments run beside it. */
export type View = 'live' | 'experiments';

export interface ViewState {
  readonly view: View;
  /** Whether the live run was playing when we left it, to resume on return. */
  readonly resumeLive: boolean;
}

export const initialView = (): ViewState => ({ view: 'live', resumeLive: false });

export function useView<T>(selector: (s: ViewState) => T): T {
  return useStore(useLab().view, selector);
}

export const selectView = (s: ViewState) => s.view;

export function createViewActions(lab: LabStore) {
  return {
    /** Switch views. The live run pauses while away so it does not compete with experiment workers. */
    showView(view: View): void {
      const { view: current, resumeLive } = lab.view.getState();
      if (view === current) return;
      if (view === 'live') {
        if (resumeLive) lab.sim.setState({ playing: true });
        lab.view.setState({ view, resumeLive: false });
      } else {
        const playing = lab.sim.getState().playing;
        lab.sim.setState({ playing: false });
        lab.view.setState({ view, resumeLive: current === 'live' ? playing : resumeLive });
      }
    },
  };
}
