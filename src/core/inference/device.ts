import { existsSync, readdirSync } from 'node:fs';
import type { Device, DeviceSetting } from './inference-types';
import { hasCudaProvider } from './ort-runtime';

/** What the machine offers for CUDA, checked without loading anything. */
export interface CudaProbe {
  /** The CUDA provider libraries sit beside the loaded ONNX Runtime binary. */
  providerInstalled: boolean;
  /** An NVIDIA driver is visible (kernel module or libcuda). */
  driverVisible: boolean;
}

const LIBCUDA_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib/wsl/lib', '/usr/local/cuda/lib64', '/usr/local/nvidia/lib64'];

/** True when an NVIDIA driver is visible: /proc/driver/nvidia/version, or libcuda.so on a usual path. */
export function nvidiaDriverVisible(): boolean {
  if (process.platform !== 'linux') return false;
  if (existsSync('/proc/driver/nvidia/version')) return true;
  for (const dir of LIBCUDA_DIRS) {
    try {
      if (readdirSync(dir).some((f) => f.startsWith('libcuda.so'))) return true;
    } catch {
      // not there
    }
  }
  return false;
}

/** Checks the machine for CUDA with ONNX Runtime's binary folder. */
export function probeCuda(ortBinaryDir: string): CudaProbe {
  return { providerInstalled: hasCudaProvider(ortBinaryDir), driverVisible: nvidiaDriverVisible() };
}

/**
 * The devices to try, in order. `auto` tries CUDA only where it can work (provider files and a
 * driver), silently; `cuda` always tries it, and the caller falls back to CPU with a message.
 */
export function devicesToTry(setting: DeviceSetting, probe: CudaProbe): Device[] {
  if (setting === 'cpu') return ['cpu'];
  if (setting === 'cuda') return ['cuda', 'cpu'];
  return probe.providerInstalled && probe.driverVisible ? ['cuda', 'cpu'] : ['cpu'];
}

/** The one message shown when CUDA was asked for (or tried) and the model runs on the CPU instead. */
export function cudaFallbackMessage(setting: DeviceSetting, probe: CudaProbe, error?: Error): string {
  const why = !probe.providerInstalled
    ? 'the ONNX Runtime CUDA provider is not installed (run "Responsible ML: Enable GPU Acceleration (CUDA)")'
    : !probe.driverVisible
      ? 'no NVIDIA driver was found'
      : `ONNX Runtime could not start CUDA (${firstLine(error?.message ?? 'unknown error')}; it needs CUDA 12 and cuDNN 9 on the library path)`;
  return `CUDA ${setting === 'cuda' ? 'was requested but ' : ''}is not available: ${why}. Running on the CPU.`;
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
