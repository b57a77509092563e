// All of the dashboard's fetching: one fetch function and one hook. Every request goes to the
// dashboard's own origin (/prometheus, /api, /settings, /ops); the server side adds logins and
// signatures, and /ops calls carry the demo token (opsToken.ts).
// Network failures, replies that are not JSON and API errors all become an APIError whose
// message a person can act on.
import { useEffect, useState } from 'react';
import { opsHeaders } from './opsToken.ts';
import type { InstantSample, PrometheusEnvelope, VectorData } from './responseTypes.ts';

export class APIError extends Error {
  /** `status` is the HTTP status, or null when no reply came at all. */
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'APIError';
  }
}

/** `prometheus` replies come in Prometheus's `{status, data}` envelope and give `data`; `json` ones are used as they are. */
export type APIKind = 'prometheus' | 'json';

export interface FetchOptions {
  method?: 'GET' | 'POST';
  kind?: APIKind;
  signal?: AbortSignal;
}

export async function fetchAPI<T>(path: string, options: FetchOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const kind = options.kind ?? (path.startsWith('/prometheus/') ? 'prometheus' : 'json');
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
        ...opsHeaders(path, globalThis.sessionStorage),
      },
      body: method === 'POST' ? '{}' : undefined,
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (options.signal?.aborted) {
      throw error;
    }
    throw new APIError('No reply from the dashboard server: is it still running?', null);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    const statusText = response.statusText ? ` ${response.statusText}` : '';
    throw new APIError(`HTTP ${response.status}${statusText}: the reply was not JSON`, response.status);
  }
  return interpretReply<T>(kind, response.status, body);
}

/** Turns a parsed reply into its data, or throws the APIError it means. Pure, so it is tested directly. */
export function interpretReply<T>(kind: APIKind, status: number, body: unknown): T {
  const ok = status >= 200 && status < 300;
  const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (kind === 'prometheus' && object.status === 'error') {
    const envelope = object as PrometheusEnvelope<unknown> & { status: 'error' };
    throw new APIError(`Prometheus ${envelope.errorType}: ${envelope.error}`, status);
  }
  if (!ok) {
    if (typeof object.error === 'string') {
      const message = typeof object.message === 'string' ? object.message : object.error;
      throw new APIError(`${message} (${object.error}, HTTP ${status})`, status);
    }
    throw new APIError(`HTTP ${status} from the dashboard server`, status);
  }
  if (kind === 'prometheus') {
    if (object.status !== 'success' || !('data' in object)) {
      throw new APIError('the reply is not a Prometheus API reply', status);
    }
    return object.data as T;
  }
  return body as T;
}

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** When the data shown was fetched (ms since the epoch). */
  updatedAt: number | undefined;
  /** The path `data` answered: while a new path loads, the last good data is still the old one's. */
  dataPath: string | undefined;
}

/** Several instant queries' states as one panel shows them: their results by key, every error, the oldest update. */
export interface VectorStates<K extends string> {
  results: Partial<Record<K, InstantSample[]>>;
  error: Error | undefined;
  loading: boolean;
  /** Some query has neither answered nor failed yet. */
  waiting: boolean;
  /** When the oldest answer shown was fetched (Infinity while none has answered). */
  updatedAt: number;
}

export function combineVectorStates<K extends string>(states: Record<K, QueryState<VectorData>>): VectorStates<K> {
  const entries = Object.entries(states) as [K, QueryState<VectorData>][];
  const results: Partial<Record<K, InstantSample[]>> = {};
  for (const [key, state] of entries) {
    results[key] = state.data?.result;
  }
  const failed = entries.filter(([, state]) => state.error !== undefined);
  return {
    results,
    error: failed.length === 0 ? undefined
      : new Error(failed.map(([key, state]) => `${key}: ${state.error?.message}`).join('; ')),
    loading: entries.some(([, state]) => state.loading),
    waiting: entries.some(([, state]) => state.data === undefined && state.error === undefined),
    updatedAt: Math.min(...entries.map(([, state]) => state.updatedAt ?? Infinity)),
  };
}

/**
 * Fetches `path` whenever it changes (null: nothing to fetch yet) and every `refreshMs` when
 * given. The last good data stays while a refresh runs or fails, beside the error, so a chart
 * does not blank out on one lost scrape. A refresh never overlaps the one still running.
 */
export function useAPIQuery<T>(path: string | null, options: { refreshMs?: number; kind?: APIKind } = {}): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({
    data: undefined, error: undefined, loading: path !== null, updatedAt: undefined, dataPath: undefined,
  });
  const { refreshMs, kind } = options;

  useEffect(() => {
    if (path === null) {
      return undefined;
    }
    const controller = new AbortController();
    // Per effect run, so a fetch aborted by a new path cannot clear the new run's flag.
    let inFlight = false;
    const run = async () => {
      if (inFlight) {
        return;
      }
      inFlight = true;
      setState((previous) => ({ ...previous, loading: true }));
      try {
        const data = await fetchAPI<T>(path, { kind, signal: controller.signal });
        if (!controller.signal.aborted) {
          setState({ data, error: undefined, loading: false, updatedAt: Date.now(), dataPath: path });
        }
      } catch (error) {
        if (!controller.signal.aborted) {
          setState((previous) => ({ ...previous, error: error as Error, loading: false }));
        }
      } finally {
        inFlight = false;
      }
    };
    void run();
    const timer = refreshMs ? window.setInterval(() => void run(), refreshMs) : undefined;
    return () => {
      controller.abort();
      if (timer !== undefined) {
        window.clearInterval(timer);
      }
    };
  }, [path, refreshMs, kind]);

  return state;
}

/** Presses one of the server's /ops buttons. */
export function postOps<T>(path: string): Promise<T> {
  return fetchAPI<T>(path, { method: 'POST', kind: 'json' });
}
