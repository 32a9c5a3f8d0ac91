import { decodeLink, encodeLink, findPayload, LinkError } from '../links/codec.ts';
import { MAX_FILE_CHARS, readScenarioFile, ScenarioFileError, scenarioFileName, scenarioFileText } from '../links/scenarioFile.ts';
import { rateRefusal, replayRefusal } from '../sim/cost.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { LabStore } from './lab.ts';
import { onGrid } from '../engine/time.ts';

/**
 * Why the page will not replay `scenario` to `at`, or null. A link may point anywhere up to the
 * codec's limit, but replaying millions of events would freeze the page: the estimate (sim/cost)
 * is checked before anything starts, for links the app opens and links it hands out alike.
 */
function replayProblem(scenario: Scenario, at: number): string | null {
  return replayRefusal(scenario.settings, scenario.actions, at);
}

/** A link to share, or why this run cannot have one (it then says to export a file instead). */
export type ShareResult = { readonly url: string } | { readonly refused: string };

/** Runs opened from links, files and the library, and the current run shared as a link or a file. */
export function createShareActions(lab: LabStore) {
  /** The moment on screen, on the whole millisecond the worker stands on. */
  const momentShown = (): number => onGrid(Math.max(0, lab.live.clock));

  /** Start `scenario` and show it at simulated time `at`, playing or paused. */
  function openRun(scenario: Scenario, at: number, playing: boolean): void {
    lab.connection.load(scenario);
    lab.sim.setState({ playing });
    if (at > 0) lab.connection.requestSeek(at);
    // At time 0 and paused nothing else asks for the first frame (the display loop asks only when
    // playing or told something changed): without this, a paused link at 0 opened after another
    // run stayed on "Starting the simulation…" (found by e2e/fuzz.spec.ts).
    else lab.playback.markDirty();
  }

  /** The current branch, as the link and the export hold it; null before the first frame. */
  function currentScenario(): Scenario | null {
    return lab.travel.getState().scenario;
  }

  /**
   * A URL that replays this run to the moment shown (and plays on if it is playing). The link is
   * opened in memory exactly as openRunLink would open it before it is offered, so the app never
   * hands out a link it would then refuse. `playing` overrides whether it plays on (an embedded
   * run may be chosen to start paused).
   */
  async function shareUrl(base: string, options: { readonly playing?: boolean } = {}): Promise<ShareResult | null> {
    const scenario = currentScenario();
    if (!scenario) return null;
    try {
      const time = momentShown();
      const tooCostly = replayProblem(scenario, time);
      if (tooCostly !== null)
        throw new LinkError(`A link to this moment could not be opened: ${tooCostly} Export it as a scenario file instead.`);
      const hash = await encodeLink({ scenario, time, playing: options.playing ?? lab.sim.getState().playing });
      await decodeLink(hash);
      return { url: `${base.replace(/#.*$/, '')}#${hash}` };
    } catch (error) {
      if (error instanceof LinkError) return { refused: error.message };
      return { refused: 'This run could not be put in a link. Export it as a scenario file instead.' };
    }
  }

  /**
   * Open the run a URL (or its hash) holds. Returns false when it holds no run link. A bad link
   * leaves the current run as it is (the default one at start-up) and says what was wrong.
   */
  async function openRunLink(text: string): Promise<boolean> {
    if (findPayload(text) === null) return false;
    try {
      const link = await decodeLink(text);
      const tooCostly = replayProblem(link.scenario, link.time);
      if (tooCostly !== null) throw new LinkError(`This link points ${Math.round(link.time / 1000)} s into its run: ${tooCostly}`);
      openRun(link.scenario, link.time, link.playing);
    } catch (error) {
      // decodeLink throws nothing but LinkError; anything else is still reported, never thrown on.
      const message = error instanceof LinkError ? error.message : 'This link could not be read.';
      lab.actions.showProblem({ title: 'This link could not be opened.', message: `${message} The default scenario is running instead.` });
    }
    return true;
  }

  /** The current run as the JSON file the command line runs, or null before the first frame. */
  function exportFile(): { readonly name: string; readonly text: string } | null {
    const scenario = currentScenario();
    if (!scenario) return null;
    return { name: scenarioFileName(scenario), text: scenarioFileText(scenario, momentShown()) };
  }

  /**
   * Refuse a file by its size, before reading it: a multi-gigabyte file picked by mistake must not
   * be read into memory to find out. (UTF-8 bytes are at least as many as characters.)
   */
  function importTooLarge(size: number, fileName: string): boolean {
    if (size <= MAX_FILE_CHARS) return false;
    lab.actions.showProblem({
      title: `${fileName} could not be imported.`,
      message: `This file is ${(size / 1e6).toFixed(1)} MB; a scenario file is at most ${MAX_FILE_CHARS / 1e6} MB.`,
    });
    return true;
  }

  /** Import a scenario file: it plays from time 0; a bad file is named, and the current run goes on. */
  function importFile(text: string, fileName: string): boolean {
    try {
      const scenario = readScenarioFile(text);
      // A file plays from time 0: what matters is how busy it is (the link path checks its moment).
      const tooBusy = rateRefusal(scenario.settings);
      if (tooBusy !== null) throw new ScenarioFileError(tooBusy);
      openRun(scenario, 0, true);
      return true;
    } catch (error) {
      const message = error instanceof ScenarioFileError ? error.message : 'This file could not be read.';
      lab.actions.showProblem({ title: `${fileName} could not be imported.`, message });
      return false;
    }
  }

  return { openRun, shareUrl, openRunLink, exportFile, importTooLarge, importFile };
}
