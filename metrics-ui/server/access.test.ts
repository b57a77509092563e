import { describe, expect, it } from 'vitest';
import { decideAccess, proxiedUpstream, upstreamPath } from './access.ts';

describe('what the proxy passes', () => {
  it.each([
    ['GET', '/api/system/functions', 'gateway'],
    ['GET', '/api/healthz', 'gateway'],
    ['GET', '/prometheus/api/v1/query_range?query=up&start=1&end=2&step=1', 'prometheus'],
    ['GET', '/prometheus/api/v1/query?query=up', 'prometheus'],
    ['GET', '/prometheus/api/v1/label/locker/values', 'prometheus'],
    ['HEAD', '/prometheus/-/ready', 'prometheus'],
  ])('%s %s goes to the %s', (method, url, upstream) => {
    expect(decideAccess(method, url)).toEqual({ allowed: true, upstream });
  });

  it.each([
    ['GET', '/api/function/user-manager'],
    ['GET', '/api/system/function/controller'],
    ['GET', '/api/system/functions/../../function/x'],
    ['GET', '/api/system/%2e%2e/function/x'],
    ['GET', '/api/system/secrets'],
    ['GET', '/api/async-function/controller'],
    ['GET', '/prometheus/api/v1/admin/tsdb/snapshot'],
    ['GET', '/prometheus/api/v1/status/config'],
    ['GET', '/prometheus/federate?match[]=up'],
    ['GET', '/prometheus/api/v1/label/../../../values'],
    ['GET', '/prometheus/-/quit'],
  ])('%s %s is refused with 403', (method, url) => {
    expect(decideAccess(method, url)).toMatchObject({ allowed: false, status: 403, error: 'forbidden' });
  });

  it.each([
    ['POST', '/api/system/functions'],
    ['PUT', '/api/system/functions'],
    ['DELETE', '/api/system/functions'],
    ['POST', '/prometheus/api/v1/query'],
  ])('%s %s is refused with 405: reads only', (method, url) => {
    expect(decideAccess(method, url)).toMatchObject({ allowed: false, status: 405, error: 'method_not_allowed' });
  });

  it('leaves the dashboard\'s own paths alone, including ones that only begin like a prefix', () => {
    expect(proxiedUpstream('/ops/occupancy')).toBeNull();
    expect(proxiedUpstream('/apifoo')).toBeNull();
    expect(proxiedUpstream('/api')).toBeNull();
    expect(proxiedUpstream('/prometheusx/api/v1/query')).toBeNull();
    expect(proxiedUpstream('/assets/index.js')).toBeNull();
  });

  it('takes the prefix off and keeps the query for the upstream', () => {
    expect(upstreamPath('/api/system/functions', 'gateway')).toBe('/system/functions');
    expect(upstreamPath('/prometheus/api/v1/query?query=up', 'prometheus')).toBe('/api/v1/query?query=up');
  });
});
