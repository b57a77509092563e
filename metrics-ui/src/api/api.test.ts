import { afterEach, describe, expect, it, vi } from 'vitest';
import { APIError, combineVectorStates, fetchAPI, interpretReply, type QueryState } from './api.ts';
import type { VectorData } from './responseTypes.ts';

describe('reading replies', () => {
  it('gives the data of a Prometheus success', () => {
    expect(interpretReply('prometheus', 200, { status: 'success', data: ['locker-001'] })).toEqual(['locker-001']);
  });

  it.each([
    ['a Prometheus error', 'prometheus', 400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' },
      'Prometheus bad_data: parse error at char 3'],
    ['our error shape', 'json', 502, { error: 'locker_refused', message: 'door-manager occupancy answered 401' },
      'door-manager occupancy answered 401 (locker_refused, HTTP 502)'],
    ['the proxy refusing', 'prometheus', 403, { error: 'forbidden', message: 'not passed' }, 'not passed (forbidden, HTTP 403)'],
    ['a failure without a body', 'json', 500, undefined, 'HTTP 500 from the dashboard server'],
    ['a success that is not Prometheus\'s', 'prometheus', 200, { result: [] }, 'the reply is not a Prometheus API reply'],
  ])('turns %s into a readable message', (_name, kind, status, body, message) => {
    let caught: unknown;
    try {
      interpretReply(kind as 'json' | 'prometheus', status as number, body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(APIError);
    expect((caught as APIError).message).toBe(message);
    expect((caught as APIError).status).toBe(status);
  });

  it('gives a plain JSON reply as it is', () => {
    expect(interpretReply('json', 200, [{ name: 'controller' }])).toEqual([{ name: 'controller' }]);
  });
});

describe('fetching', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says the server did not answer when the network fails', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });

    await expect(fetchAPI('/settings')).rejects.toThrow('No reply from the dashboard server: is it still running?');
  });

  it('says when a reply is not JSON, with its status', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));

    await expect(fetchAPI('/api/system/functions')).rejects.toThrow('HTTP 502 Bad Gateway: the reply was not JSON');
  });

  it('posts an empty JSON object with a JSON content type to the buttons', async () => {
    const seen: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      seen.push(init);
      return new Response('{"deleted":4,"door_id":2,"door_state":"FREE"}', { status: 200 });
    });

    const reply = await fetchAPI('/ops/demo-parcel/cleanup', { method: 'POST' });

    expect(reply).toEqual({ deleted: 4, door_id: 2, door_state: 'FREE' });
    expect(seen[0]?.body).toBe('{}');
    expect((seen[0]?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('sends this tab\'s demo token on /ops calls and on no other', async () => {
    const seen: [string, RequestInit][] = [];
    vi.stubGlobal('sessionStorage', { getItem: (key: string) => (key === 'cacifo-ops-token' ? 'tab-token' : null) });
    vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
      seen.push([path, init]);
      return new Response('{"status":"success","data":[]}', { status: 200 });
    });

    await fetchAPI('/ops/demo-parcel/create', { method: 'POST' });
    await fetchAPI('/ops/occupancy');
    await fetchAPI('/prometheus/api/v1/label/locker/values');

    const tokens = seen.map(([path, init]) => [path, (init.headers as Record<string, string>)['X-Cacifo-Ops-Token']]);
    expect(tokens).toEqual([['/ops/demo-parcel/create', 'tab-token'], ['/ops/occupancy', 'tab-token'],
      ['/prometheus/api/v1/label/locker/values', undefined]]);
  });
});

describe('several queries shown as one panel', () => {
  const answered = (updatedAt: number): QueryState<VectorData> => ({
    data: { resultType: 'vector', result: [{ metric: { function: 'controller' }, value: [1, '7'] }] },
    error: undefined, loading: false, updatedAt, dataPath: '/q',
  });
  const failed: QueryState<VectorData> = {
    data: undefined, error: new Error('502 from Prometheus'), loading: false, updatedAt: undefined, dataPath: undefined,
  };
  const unasked: QueryState<VectorData> = {
    data: undefined, error: undefined, loading: true, updatedAt: undefined, dataPath: undefined,
  };

  it('gives each answer under its key and the oldest update', () => {
    const combined = combineVectorStates({ up: answered(2000), doors: answered(1000) });
    expect(combined.results.up?.[0]?.value[1]).toBe('7');
    expect(combined.error).toBeUndefined();
    expect(combined.waiting).toBe(false);
    expect(combined.updatedAt).toBe(1000);
  });

  it('names every query that failed, and one not yet answered keeps the panel waiting', () => {
    const combined = combineVectorStates({ up: answered(1000), doors: failed, alarms: unasked });
    expect(combined.error?.message).toBe('doors: 502 from Prometheus');
    expect(combined.results.doors).toBeUndefined();
    expect(combined.loading).toBe(true);
    expect(combined.waiting).toBe(true);
    expect(combined.updatedAt).toBe(1000);
    expect(combineVectorStates({ doors: failed, alarms: unasked }).updatedAt).toBe(Infinity);
  });
});
