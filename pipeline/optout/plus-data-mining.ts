// IPTC/PLUS `plus:DataMining` in XMP: values that prohibit use for AI/ML training (PLUS LDF vocabulary DMI-*).
import { NS, xmpValues } from './xmp.js';

/** Values that reserve AI/ML training. "See constraint"/"see embedded rights expression" point at terms a machine
 *  cannot verify, so they count as reservations too (the catalogue only takes clear rights). */
const PROHIBITING = new Set([
  'DMI-PROHIBITED',
  'DMI-PROHIBITED-AIMLTRAINING',
  'DMI-PROHIBITED-GENAIMLTRAINING',
  'DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING',
  'DMI-PROHIBITED-SEECONSTRAINT',
  'DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR',
]);

function code(value: string): string {
  return (value.split('/').pop() ?? value).trim().toUpperCase();
}

/** Why the XMP's plus:DataMining prohibits AI training, or undefined (absent, DMI-UNSPECIFIED, DMI-ALLOWED). */
export function plusDataMiningProhibits(xmp: Buffer | string | undefined): string | undefined {
  const hit = xmpValues(xmp, NS.plus, 'DataMining').find((v) => PROHIBITING.has(code(v)));
  return hit ? `XMP plus:DataMining ${code(hit)}` : undefined;
}
