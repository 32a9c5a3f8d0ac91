import { selectProblem, useTravel } from '../../store/travelStore.ts';
import '../travel/travel.css';
import { useActions } from '../../store/context.ts';

/**
 * A link or file that could not be opened. Its message is plain text from the decoder or the
 * validator, rendered as React text: nothing from a link is ever rendered as HTML.
 */
export function OpenProblemBanner() {
  const { dismissProblem } = useActions();
  const problem = useTravel(selectProblem);
  if (!problem) return null;
  return (
    <div className="banner banner-danger open-problem" role="alert">
      <span>
        <strong>{problem.title}</strong> {problem.message}
      </span>
      <button type="button" className="ghost" onClick={dismissProblem}>
        Dismiss
      </button>
    </div>
  );
}
