import { create } from 'zustand';
import { useSim } from './simStore.ts';

/** The app's top-level views. The live cluster is always there; experiments run beside it. */
export type View = 'live' | 'experiments';

export interface ViewState {
  readonly view: View;
  /** Whether the live run was playing when we left it, to resume on return. */
  readonly resumeLive: boolean;
}

export const useView = create<ViewState>()(() => ({ view: 'live', resumeLive: false }));

export const selectView = (s: ViewState) => s.view;

/** Switch views. The live run pauses while away so it does not compete with experiment workers. */
export function showView(view: View): void {
  const { view: current, resumeLive } = useView.getState();
  if (view === current) return;
  if (view === 'live') {
    if (resumeLive) useSim.setState({ playing: true });
    useView.setState({ view, resumeLive: false });
  } else {
    const playing = useSim.getState().playing;
    useSim.setState({ playing: false });
    useView.setState({ view, resumeLive: current === 'live' ? playing : resumeLive });
  }
}
