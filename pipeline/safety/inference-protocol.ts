// Messages between the build's thread and the inference thread (structured-clone data only).

export type FaceKind = 'yunet' | 'ultraface';

export interface InferenceInit {
  nsfw: Uint8Array;
  /** Face model bytes, as the session takes them (YuNet already rewritten to any input size). */
  faces: Uint8Array;
  kind: FaceKind;
  intraOpThreads: number;
}

export type InferenceRequest =
  | { id: number; op: 'nsfw'; rgbs: Uint8Array[] }
  | { id: number; op: 'faces'; rgb: Uint8Array; width: number; height: number; scale: number };

export interface FacesAnswer {
  faces: number;
  maxScore: number;
}

export type InferenceReply =
  | { id: number; ok: true; ms: number; probs?: Float32Array[]; faces?: FacesAnswer }
  | { id: number; ok: false; error: string };

/** Asks the thread to finish the requests it is running, release its sessions and exit. */
export type InferenceControl = { op: 'close' };

export type InferenceStatus = { status: 'ready' } | { status: 'failed'; error: string };
