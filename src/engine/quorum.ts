/**
 * Votes or replicas a decision needs in a cluster of `clusterSize` servers: more than half
 * (§5.2, §5.3). The only place the formula is written; the engine, the narration, the store and
 * the views all ask here.
 */
export function majority(clusterSize: number): number {
  return Math.floor(clusterSize / 2) + 1;
}
