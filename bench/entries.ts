/** Every benchmark entry, one import each; an entry registers itself with `registerBench`. */
import './reference-cnn.js';
import './poster-throughput.js';
import './poster-backbone.js';
import './bot-burst.js';
import './review-latency.js';
import './poster-explain.js';
import './serving-memory.js';
import './heic-decode.js';
// Last: the PyTorch peers compare against the figures of the entries above, from the same run.
import './torch-peers.js';
