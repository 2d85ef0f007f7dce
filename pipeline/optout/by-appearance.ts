// Which opt-outs follow a picture to its edited copies: those about the work itself, not about crawling one site.
import { statusOf, type Reason, type ReasonCode } from '../catalog/index.js';

/** Opt-outs that say the work may not be used (a registry entry, a withdrawal, a reservation embedded in the file or
 *  sent with it or by the host's TDM / AI-preference files): an edited copy of the picture is refused with the same
 *  code. Crawling rules (robots.txt, a landing page's robots meta, ai.txt) are about one site: a copy elsewhere is
 *  judged on its own signals. */
export const FOLLOWS_APPEARANCE: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['optout.registry', 'optout.withdrawn', 'optout.embedded', 'optout.robots-header', 'optout.content-usage', 'optout.tdm-rep']);

/** The first rejecting reason of an item that follows its picture, or undefined. */
export function appearanceOptOut(reasons: readonly Reason[]): Reason | undefined {
  return reasons.find((r) => FOLLOWS_APPEARANCE.has(r.code) && statusOf(r.code) === 'rejected');
}
