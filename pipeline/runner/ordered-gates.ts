// Turn-taking for `ordered` stages: item N enters such a stage only after item N-1 has left it (or skipped it).

export interface Turn {
  /** Resolves when every earlier item has finished with this stage. */
  ready: Promise<void>;
  /** Marks this item done with the stage (call exactly once; idempotent). */
  done(): void;
}

export class OrderedGates {
  private tails = new Map<string, Promise<void>>();
  constructor(private readonly stageNames: readonly string[]) {}

  /** Must be called in input order, synchronously as each item starts. */
  claim(): Map<string, Turn> {
    const turns = new Map<string, Turn>();
    for (const name of this.stageNames) {
      const ready = this.tails.get(name) ?? Promise.resolve();
      let resolve!: () => void;
      const mine = new Promise<void>((r) => (resolve = r));
      let released = false;
      // Our turn ends only after the previous item's turn ended, even if we skip the stage.
      const done = () => {
        if (released) return;
        released = true;
        ready.then(resolve, resolve);
      };
      this.tails.set(name, mine);
      turns.set(name, { ready, done });
    }
    return turns;
  }
}
