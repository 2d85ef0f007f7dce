// The model registry: every model the safety stage runs, where it comes from, how to feed it and read its outputs.

export interface ModelSpec {
  /** Registry key, also the prefix of the name written into each record's `models`. */
  name: string;
  version: string;
  /** File name looked up in CLEARANCE_MODELS and the cache directory. */
  file: string;
  /** SHA-256 (hex) of the file; a downloaded file with another digest is refused. */
  sha256: string;
  /** Public download address (used only when the file is in neither the models dir nor the cache). */
  url: string;
  licence: string;
  /** Input tensor: name, shape (N first; -1 = dynamic batch), memory layout. */
  input: { name: string; shape: number[]; layout: 'NCHW' | 'NHWC' };
  /** Pixel normalisation applied to 0..255 RGB values: (x - mean) / std. */
  normalise: { mean: number; std: number };
  labels: string[];
  /** How the outputs become the record's scores (documentation; the code is in the model's runner). */
  scores: string;
}

export const ULTRAFACE: ModelSpec = {
  name: 'ultraface-rfb-320',
  version: '34cd7e60aeff',
  file: 'version-RFB-320.onnx',
  sha256: '34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017',
  url: 'https://github.com/Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB/raw/dffdddd/models/onnx/version-RFB-320.onnx',
  licence: 'MIT',
  input: { name: 'input', shape: [1, 3, 240, 320], layout: 'NCHW' },
  normalise: { mean: 127, std: 128 },
  labels: ['background', 'face'],
  scores:
    '(evaluated, not used by the stage: see README) outputs scores [1,4420,2] (softmaxed) and boxes [1,4420,4] (normalised x1,y1,x2,y2); candidates with P(face) >= 0.7 ' +
    'go through NMS (IoU 0.3); faces = boxes kept, faceScore = highest P(face) of any candidate (0 when none)',
};

/** The stage's face detector (see pipeline/README.md, "Safety scores", for the evaluation that chose it over UltraFace). */
export const YUNET: ModelSpec = {
  name: 'yunet-s-640',
  version: '8f2383e4dd3c',
  file: 'yunet_s_640_640.onnx',
  sha256: '8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4',
  url: 'https://github.com/ShiqiYu/libfacedetection.train/raw/0047ac2/onnx/yunet_s_640_640.onnx',
  licence: 'Apache-2.0',
  input: { name: 'input', shape: [1, 3, 640, 640], layout: 'NCHW' },
  normalise: { mean: 0, std: 1 },
  labels: ['face'],
  scores:
    'BGR 0..255, the image scaled to fit 640×640 without upscaling and padded to multiples of 32 (the file is rewritten to take any such size: ' +
    'yunet-any-size.ts); cls/obj/bbox/kps per stride 8/16/32, score = sqrt(cls·obj); ' +
    'candidates with score >= 0.6 go through NMS (IoU 0.3); faces = boxes kept, faceScore = highest score of any anchor',
};

/** nsfwjs's MobileNetV2 (Keras layers + uint8 weights from the npm package), converted to ONNX on first use. */
export const NSFW = {
  name: 'nsfwjs-mobilenet_v2',
  /** nsfwjs package version; the converted file's name also carries the converter version and a source hash. */
  version: '4.4.0',
  /** Directory under node_modules/nsfwjs/dist/models. */
  modelDir: 'mobilenet_v2',
  licence: 'MIT',
  /** uint8 RGB pixels; the converted graph divides by 255 before the Keras model's own input (input_1). */
  input: { name: 'pixels', shape: [-1, 224, 224, 3], layout: 'NHWC' as const },
  normalise: { mean: 0, std: 255 },
  labels: ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'],
  scores: 'softmax over 5 classes; nsfw = P(Porn) + P(Hentai) + P(Sexy)',
};
