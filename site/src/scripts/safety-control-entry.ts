// Bundle entry of the safety control (every gallery, item and search page): enables it and applies the stored setting.
import { initSafety } from './safety.js';

initSafety();
