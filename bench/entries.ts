/** Every benchmark entry, one import each; an entry registers itself with `registerBench`. */
import './reference-cnn.js';
import './torch-reference-cnn.js';
import './poster-throughput.js';
import './bot-burst.js';
import './review-latency.js';
import './poster-explain.js';
import './serving-memory.js';
