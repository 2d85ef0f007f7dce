// IPTC/PLUS `plus:DataMining` in XMP: values that prohibit use for AI/ML training (PLUS LDF vocabulary DMI-*).
import { NS, xmpValues } from './xmp.js';

/** Every `DMI-PROHIBITED*` value reserves AI/ML training: DMI-PROHIBITED, -AIMLTRAINING, -GENAIMLTRAINING,
 *  -EXCEPTSEARCHENGINEINDEXING, -SEECONSTRAINT, -SEEEMBEDDEDRIGHTSEXPR, -SEELINKEDRIGHTSEXPR (the last was missed when
 *  the values were listed one by one) and any later one. "See constraint"/"see … rights expression" point at terms a
 *  machine cannot verify, so they count too (the catalogue only takes clear rights). */
const prohibits = (code: string) => code.startsWith('DMI-PROHIBITED');

function code(value: string): string {
  return (value.split('/').pop() ?? value).trim().toUpperCase();
}

/** Why the XMP's plus:DataMining prohibits AI training, or undefined (absent, DMI-UNSPECIFIED, DMI-ALLOWED). */
export function plusDataMiningProhibits(xmp: Buffer | string | undefined): string | undefined {
  const hit = xmpValues(xmp, NS.plus, 'DataMining').find((v) => prohibits(code(v)));
  return hit ? `XMP plus:DataMining ${code(hit)}` : undefined;
}

/** Every plus:DataMining value of the packet, as codes (for the signal matrix: what the file said). */
export function plusDataMining(xmp: Buffer | string | undefined): string[] {
  return xmpValues(xmp, NS.plus, 'DataMining').map(code);
}
