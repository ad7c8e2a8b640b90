/**
 * What the SQLite intake connection wrote or read lately (units' exposures and per-metric states),
 * so that later batches skip those primary-key lookups: a unit's metric events usually arrive in
 * the batches after its exposure, and its state changes with each of them.
 *
 * It may only hold what is true in the database, so server/db/event-intake-session.ts
 *   - keeps what a batch wrote or read only when the batch's savepoint is released: a batch that
 *     fails is undone in the memo too;
 *   - clears everything when a COMMIT fails, and when another connection has committed since the
 *     last transaction (PRAGMA data_version: another process, or this app's own Prisma connection,
 *     may have changed rows).
 * PostgreSQL intake has no memo: several app instances write there.
 *
 * Rows are found through nested maps (experiment → [metric →] unit), so a lookup builds no key
 * string. For units it exposed first, it knows all their states: a state it does not hold does not
 * exist, and needs no lookup either. Past CAPACITY rows the memo starts over (cheaper than tracking which row is oldest).
 */
import { childMap } from "../core/collections/child-map";
import type { ExposedUnit, UnitStateRow } from "../core/measurement/aggregate-batch";

/** rows held in all, before the memo starts over */
const CAPACITY = 200_000;

type Undo = { units: Map<string, unknown>; unitId: string; previous: unknown };

export class IntakeMemo {
  private readonly exposureRows = new Map<string, Map<string, ExposedUnit>>();
  private readonly stateRows = new Map<string, Map<string, Map<string, UnitStateRow>>>();
  /** units this connection exposed first (experiment → unit): all their states are in stateRows */
  private readonly newUnits = new Map<string, Map<string, true>>();
  private size = 0;
  /** how to undo the current batch's changes */
  private undo: Undo[] = [];

  exposure(experimentId: string, unitId: string): ExposedUnit | undefined {
    return this.exposureRows.get(experimentId)?.get(unitId);
  }

  state(experimentId: string, metricId: string, unitId: string): UnitStateRow | undefined {
    return this.stateRows.get(experimentId)?.get(metricId)?.get(unitId);
  }

  /** Remembers an exposure row the current batch wrote or read. */
  rememberExposure(row: ExposedUnit): void {
    this.put(childMap(this.exposureRows, row.experimentId), row.unitId, row);
  }

  /**
   * Remembers the exposure that put a unit in an experiment, written by the current batch: the
   * unit has no states yet, and every state it gets from now on is written here and remembered.
   */
  rememberFirstExposure(row: ExposedUnit): void {
    this.rememberExposure(row);
    this.put(childMap(this.newUnits, row.experimentId), row.unitId, true);
  }

  /** True when every state of the unit in the experiment is in the memo (a state it lacks does not exist). */
  knowsAllStates(experimentId: string, unitId: string): boolean {
    return this.newUnits.get(experimentId)?.has(unitId) === true;
  }

  /** Remembers a state row the current batch wrote or read. */
  rememberState(row: UnitStateRow): void {
    this.put(childMap(childMap(this.stateRows, row.experimentId), row.metricId), row.unitId, row);
  }

  /** The batch's savepoint was released: what it remembered stays. */
  keepBatch(): void {
    this.undo = [];
    if (this.size > CAPACITY) this.clear();
  }

  /** The batch rolled back: forget what it remembered. */
  discardBatch(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) {
      const { units, unitId, previous } = this.undo[i]!;
      if (previous === undefined) {
        units.delete(unitId);
        this.size--;
      } else units.set(unitId, previous);
    }
    this.undo = [];
  }

  clear(): void {
    this.exposureRows.clear();
    this.stateRows.clear();
    this.newUnits.clear();
    this.size = 0;
    this.undo = [];
  }

  private put<T>(units: Map<string, T>, unitId: string, row: T): void {
    const previous = units.get(unitId);
    if (previous === undefined) this.size++;
    this.undo.push({ units: units as Map<string, unknown>, unitId, previous });
    units.set(unitId, row);
  }
}
