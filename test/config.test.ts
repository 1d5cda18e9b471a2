import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, platformsOf } from '../src/config.js';

describe('loadConfig', () => {
  it('starts in local mode with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(platformsOf(config)).toEqual([]);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.download.maxImageBytes).toBe(10 * 1024 * 1024);
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('shares the cores out among the model threads as wasm threads when tfjs runs the backbone, and checks WASM_THREADS', () => {
    const cores = availableParallelism();
    const onTfjs = { POSTER_RUNTIME: 'tfjs' };
    expect(loadConfig(onTfjs).limits.wasmThreads).toBe(Math.min(8, cores));
    expect(loadConfig({ ...onTfjs, INFERENCE_WORKERS: String(cores) }).limits.wasmThreads).toBe(1);
    expect(loadConfig({ ...onTfjs, INFERENCE_WORKERS: '0' }).limits.wasmThreads).toBe(Math.min(8, cores));
    expect(loadConfig({ WASM_THREADS: '1' }).limits.wasmThreads).toBe(1);
    expect(() => loadConfig({ WASM_THREADS: '9' })).toThrow(/WASM_THREADS must be a whole number from 1 to 8/);
    expect(() => loadConfig({ WASM_THREADS: '9' })).toThrow(expect.objectContaining({ problems: ['WASM_THREADS must be a whole number from 1 to 8 (got "9")'] }));
  });

  it('gives ONNX Runtime the cores and tfjs one thread when ONNX Runtime runs the backbone', () => {
    const cores = Math.min(8, availableParallelism());
    const { limits } = loadConfig({ POSTER_RUNTIME: 'onnxruntime' });
    expect([limits.wasmThreads, limits.onnxThreads]).toEqual([1, cores]);
    expect(loadConfig({ POSTER_RUNTIME: 'onnxruntime', ONNXRUNTIME_THREADS: '1', WASM_THREADS: '2' }).limits).toMatchObject({ onnxThreads: 1, wasmThreads: 2 });
    expect(() => loadConfig({ ONNXRUNTIME_THREADS: '0' })).toThrow(/ONNXRUNTIME_THREADS must be a whole number from 1 to 8/);
    expect(loadConfig({ POSTER_RUNTIME: 'onnxruntime' }).limits.scriptWasmThreads).toBe(cores);
  });

  it('reads both platforms and their API bases', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'discord-secret',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
    });
    expect(platformsOf(config)).toEqual(['discord', 'slack']);
    expect(config.discord?.apiUrl).toBe('http://127.0.0.1:9999/api');
    expect(config.slack?.apiUrl).toBe('https://slack.com/api/');
  });

  it('names every bad variable at once and never echoes a secret', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', SLACK_BOT_TOKEN: 'secret-token-value', MAX_IMAGE_BYTES: '-3', TF_BACKEND: 'tpu', DISCORD_SHARDS: '0', POSTER_RUNTIME: 'tensorrt' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const { problems, message } = caught as ConfigError;
    expect(problems.map((p) => p.split(' ')[0])).toEqual(
      expect.arrayContaining(['PORT', 'SLACK_BOT_TOKEN', 'MAX_IMAGE_BYTES', 'TF_BACKEND', 'DISCORD_SHARDS', 'POSTER_RUNTIME']),
    );
    expect(message).not.toContain('secret-token-value');
  });

  it('refuses a Slack bot token without a way to receive events', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET .* or SLACK_APP_TOKEN/);
  });

  it('parses the download allow list and rejects malformed entries', () => {
    expect(loadConfig({ DOWNLOAD_ALLOW_HOSTS: '127.0.0.1:8080, Example.com' }).download.allowHosts).toEqual([
      '127.0.0.1:8080',
      'example.com',
    ]);
    expect(() => loadConfig({ DOWNLOAD_ALLOW_HOSTS: 'http://x/' })).toThrow(/DOWNLOAD_ALLOW_HOSTS/);
  });
});
