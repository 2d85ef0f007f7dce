// Signs images with the C2PA project's own SDK (@contentauth/c2pa-wasm) and a test certificate chain made here with openssl.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initSync, WasmBuilder, WasmReader } from '@contentauth/c2pa-wasm';
import { cborHead } from '../../pipeline/sample/c2pa-write.js';

/** The SDK reads Blobs with FileReaderSync (a browser-worker API Node lacks): a shim that knows the bytes of every Blob made here. */
const bytesOf = new WeakMap<Blob, Uint8Array>();
function installBlobShim(): void {
  const g = globalThis as { FileReaderSync?: unknown };
  if (g.FileReaderSync) return;
  const slice = Blob.prototype.slice;
  Blob.prototype.slice = function (start?: number, end?: number, type?: string) {
    const out = slice.call(this, start, end, type);
    const b = bytesOf.get(this);
    if (b) bytesOf.set(out, b.subarray(start ?? 0, end ?? b.length));
    return out;
  };
  g.FileReaderSync = class {
    readAsArrayBuffer(blob: Blob): ArrayBuffer {
      const b = bytesOf.get(blob);
      if (!b) throw new Error('FileReaderSync shim: a Blob not made by c2pa-sdk.ts');
      return b.slice().buffer;
    }
  };
}
const blob = (u: Uint8Array) => {
  const b = new Blob([new Uint8Array(u)]);
  bytesOf.set(b, u);
  return b;
};

// Minimal CBOR for the COSE_Sign1 structure (the SDK's JS signer returns it whole: "direct COSE handling").
type C = null | number | string | Uint8Array | C[] | Map<C, C> | { tag: number; value: C };
function cbor(v: C): Buffer {
  if (v === null) return Buffer.from([0xf6]);
  if (typeof v === 'number') return v >= 0 ? cborHead(0, v) : cborHead(1, -1 - v);
  if (typeof v === 'string') return Buffer.concat([cborHead(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (v instanceof Uint8Array) return Buffer.concat([cborHead(2, v.length), v]);
  if (Array.isArray(v)) return Buffer.concat([cborHead(4, v.length), ...v.map(cbor)]);
  if (v instanceof Map) return Buffer.concat([cborHead(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
  return Buffer.concat([cborHead(6, v.tag), cbor(v.value)]);
}

export interface TestSigner {
  /** PEM of the test root, for a reader's trust anchors. */
  rootPem: string;
  key: KeyObject;
  chain: Buffer[];
}

/** A root CA and an end-entity certificate with the extensions C2PA asks of a signer (digitalSignature, emailProtection EKU). */
export function makeTestSigner(): TestSigner {
  const dir = mkdtempSync(join(tmpdir(), 'clearance-c2pa-cert-'));
  try {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    writeFileSync(join(dir, 'leaf.cnf'), '[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=emailProtection\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Clearance Test Root/O=Clearance Test', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    run('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=Clearance Test Signer/O=Clearance Test');
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '1', '-extfile', 'leaf.cnf', '-extensions', 'leaf');
    const pem = (f: string) => readFileSync(join(dir, f), 'utf8');
    return { rootPem: pem('ca.pem'), key: createPrivateKey(pem('leaf.key')), chain: [new X509Certificate(pem('leaf.pem')).raw, new X509Certificate(pem('ca.pem')).raw] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let ready = false;
function init(): void {
  if (ready) return;
  installBlobShim();
  const wasm = createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm');
  initSync({ module: readFileSync(wasm) });
  ready = true;
}

const RESERVE = 10_000;

/** Signs `image` with a manifest holding `assertions` (e.g. c2pa.actions.v2), ES256 over the test chain; `parent` becomes a parentOf ingredient. */
export async function signWithSdk(image: Buffer, format: 'image/png' | 'image/jpeg', assertions: { label: string; data: unknown }[], signer: TestSigner, parent?: Buffer): Promise<Buffer> {
  init();
  const protectedHeader = cbor(new Map<C, C>([[1, -7], [33, signer.chain]])); // alg ES256, x5chain
  const definition = { claim_generator_info: [{ name: 'clearance-test', version: '1.0' }], title: 'test', format, assertions };
  const builder = WasmBuilder.fromJson(JSON.stringify(definition));
  // The asset this one was opened from (c2pa.opened needs it: reference it from the action as ingredientIds ['parent']).
  if (parent) await builder.addIngredientFromBlob(JSON.stringify({ title: 'parent', relationship: 'parentOf', label: 'parent' }), format, blob(parent));
  const cose = async (claim: Uint8Array) => {
    const sig = sign('sha256', cbor(['Signature1', protectedHeader, new Uint8Array(0), claim]), { key: signer.key, dsaEncoding: 'ieee-p1363' });
    const make = (pad: number) => cbor({ tag: 18, value: [protectedHeader, new Map<C, C>([['pad', new Uint8Array(pad)]]), null, sig] });
    // The signature box was reserved at RESERVE bytes: pad the COSE to exactly that size.
    for (let n = RESERVE - make(0).length; n >= 0; n--) if (make(n).length === RESERVE) return new Uint8Array(make(n));
    throw new Error('COSE signature does not fit the reserved size');
  };
  try {
    return Buffer.from(await builder.sign({ alg: 'es256', reserveSize: RESERVE, sign: cose }, [], format, blob(image)));
  } finally {
    builder.free();
  }
}

/** The SDK's own validation of a signed file, trusting the test root: failure codes (empty when valid and trusted). */
export async function sdkValidationFailures(file: Buffer, format: 'image/png' | 'image/jpeg', signer: TestSigner): Promise<string[]> {
  init();
  const reader = await WasmReader.fromBytes(format, file, JSON.stringify({ trust: { user_anchors: signer.rootPem } }));
  try {
    const store = JSON.parse(reader.json()) as { validation_results?: { activeManifest?: { failure?: { code: string }[] } } };
    return (store.validation_results?.activeManifest?.failure ?? []).map((f) => f.code);
  } finally {
    reader.free();
  }
}
