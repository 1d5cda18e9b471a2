/**
 * onnxruntime-node 1.30 on Linux starts Microsoft's telemetry with its first session: it reads /etc/machine-id and
 * /proc/self/cmdline, writes /tmp/mat-debug-<pid>.log and tries to upload over HTTPS. Its parse of the command line
 * recurses a couple of frames deep per character, so a long one (`npm run predict -- *.jpg` over 800 posters, about
 * 40 KB) overflows the 8 MiB stack and the process dies with SIGSEGV. A bot has no business reporting on its host, so
 * telemetry is off unless the operator set ORT_DISABLE_TELEMETRY. ONNX Runtime reads the C environment, which only
 * the main thread's `process.env` writes (a worker's is its own copy): call this on the main thread before ONNX
 * Runtime loads, and before starting a worker that may load it.
 */
export function disableOnnxRuntimeTelemetry(): void {
  process.env.ORT_DISABLE_TELEMETRY ??= '1';
}
