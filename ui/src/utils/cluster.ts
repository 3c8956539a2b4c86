/**
 * Groups map points that would overlap on screen: each point falls in a square cell of `cellPx` pixels
 * of the map's projection at the current zoom, and a cell's points become one cluster at their mean
 * position. A few thousand buildings group in a millisecond, so the map regroups on every zoom and pan
 * (only the visible ones) and never needs a clustering library.
 */
export interface ClusterPoint {
  latitudine: number;
  longitudine: number;
}

export interface Cluster<T extends ClusterPoint> {
  latitudine: number;
  longitudine: number;
  items: T[];
}

export function clusterByGrid<T extends ClusterPoint>(
  items: readonly T[],
  project: (item: T) => { x: number; y: number },
  cellPx: number,
): Cluster<T>[] {
  const cells = new Map<string, T[]>();
  for (const item of items) {
    const { x, y } = project(item);
    const key = `${Math.floor(x / cellPx)}:${Math.floor(y / cellPx)}`;
    const cell = cells.get(key);
    if (cell) cell.push(item);
    else cells.set(key, [item]);
  }
  return [...cells.values()].map((cell) => ({
    latitudine: cell.reduce((sum, item) => sum + item.latitudine, 0) / cell.length,
    longitudine: cell.reduce((sum, item) => sum + item.longitudine, 0) / cell.length,
    items: cell,
  }));
}
