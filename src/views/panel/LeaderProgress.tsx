import type { NodeFrame } from '../../worker/protocol.ts';

/** A leader's view of each follower (Figure 2): the next entry to send and the highest known match. */
export function LeaderProgress({ node }: { node: NodeFrame }) {
  const peers = Object.keys(node.nextIndex);
  return (
    <table className="progress">
      <caption>Replication progress</caption>
      <thead>
        <tr>
          <th scope="col">Follower</th>
          <th scope="col">nextIndex</th>
          <th scope="col">matchIndex</th>
        </tr>
      </thead>
      <tbody>
        {peers.map((p) => {
          const match = node.matchIndex[p] ?? 0;
          return (
            <tr key={p}>
              <th scope="row">{p}</th>
              <td>{node.nextIndex[p]}</td>
              <td>
                {match}
                <span className="match-bar" style={{ width: `${node.logLength === 0 ? 0 : (100 * match) / node.logLength}%` }} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
